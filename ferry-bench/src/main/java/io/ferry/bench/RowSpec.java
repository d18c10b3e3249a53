package io.ferry.bench;

import java.util.Objects;

/**
 * One row of a sweep: what varies from row to row. Everything else comes from the
 * {@link BenchConfig}.
 *
 * @param op             direction and access pattern
 * @param blockSizeBytes the length of one descriptor
 * @param batchSize      descriptors per transfer
 */
public record RowSpec(BenchOp op, long blockSizeBytes, int batchSize) {
    public RowSpec {
        Objects.requireNonNull(op, "op");
    }

    /** The bytes one transfer moves. */
    public long spanBytes() {
        return blockSizeBytes * batchSize;
    }
}
