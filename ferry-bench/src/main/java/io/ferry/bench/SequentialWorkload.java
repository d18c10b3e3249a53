package io.ferry.bench;

/**
 * Transfers that walk the file in order: transfer {@code t} covers {@code batchSize} consecutive
 * blocks from {@code t * blockSize * batchSize}. The file holds {@code fileSize / (blockSize *
 * batchSize)} such spans; the count is capped at {@value #MAX_TRANSFERS} and rounded down to a
 * multiple of the iodepth (which may leave a tail of the file out), or raised to the iodepth when
 * the file holds fewer spans, in which case transfers wrap around to the start of the file.
 */
final class SequentialWorkload implements Workload {
    /** The most transfers a row prepares; a longer file is covered from its start up to this many spans. */
    static final int MAX_TRANSFERS = 65536;

    private final long blockSizeBytes;
    private final long spanBytes;
    private final int spans;
    private final int transferCount;

    SequentialWorkload(long fileSizeBytes, long blockSizeBytes, int batchSize, int ioDepth) {
        this.blockSizeBytes = blockSizeBytes;
        this.spanBytes = blockSizeBytes * batchSize;
        this.spans = (int) Math.min(fileSizeBytes / spanBytes, MAX_TRANSFERS);
        this.transferCount = Math.max(ioDepth, spans - spans % ioDepth);
    }

    @Override
    public int transferCount() {
        return transferCount;
    }

    @Override
    public long offsetBytes(int transfer, int descriptor) {
        return (transfer % spans) * spanBytes + descriptor * blockSizeBytes;
    }

    @Override
    public long regionBytes() {
        return Math.min(transferCount, spans) * spanBytes;
    }
}
