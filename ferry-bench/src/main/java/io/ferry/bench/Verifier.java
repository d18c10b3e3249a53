package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.Target;
import io.ferry.TransferOp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Locale;

/**
 * Reads a region of a file or object back through Ferry, one chunk per transfer, and compares it
 * with the {@link Pattern}. Runs outside any timing. Chunks are multiples of the direct-I/O
 * alignment, so a file opened for direct I/O is read the same way. A remote object passes only if
 * it holds the pattern, as a file that {@code ferry bench --verify} wrote does once served.
 */
final class Verifier {
    private static final long CHUNK_BYTES = 1 << 20;

    private Verifier() {
    }

    /**
     * Checks {@code [0, regionBytes)} of {@code target}; fails with {@link ErrorCode#VERIFY_FAILED}
     * naming the first offset whose byte differs from the pattern.
     */
    static void verify(Agent agent, Target target, long regionBytes, Arena arena) {
        long bufferBytes = Math.min(CHUNK_BYTES, regionBytes);
        MemorySegment actual = Memory.allocate(arena, bufferBytes);
        MemorySegment expected = Memory.allocate(arena, bufferBytes);
        for (long offset = 0; offset < regionBytes; offset += bufferBytes) {
            long length = Math.min(bufferBytes, regionBytes - offset);
            try (Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(actual, 0, length, target, offset)))) {
                read.post();
                read.await().throwIfFailed();
            }
            Pattern.fill(expected, 0, length, offset);
            long mismatch = MemorySegment.mismatch(actual, 0, length, expected, 0, length);
            if (mismatch >= 0) {
                long at = offset + mismatch;
                throw new FerryException(ErrorCode.VERIFY_FAILED, String.format(Locale.ROOT,
                        "verification failed: %s holds 0x%02x at offset %d where the benchmark expects 0x%02x",
                        target.describe(), actual.get(ValueLayout.JAVA_BYTE, mismatch),
                        at, Pattern.byteAt(at)));
            }
        }
    }
}
