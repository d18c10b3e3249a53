package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileTarget;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.LongConsumer;

/** Checks that two files hold the same bytes, reading both through the transfer API. */
final class FileCompare {
    private FileCompare() {
    }

    /**
     * Throws {@link ErrorCode#VERIFY_FAILED} naming the first differing byte.
     *
     * @param wholeFile whether {@code actual} must hold exactly {@code size} bytes (a file), not just
     *                  start with them (a device)
     * @param progress  told the bytes compared so far
     */
    static void assertSame(Agent agent, FileTarget expected, FileTarget actual, long size, int blockSize, boolean wholeFile,
                           LongConsumer progress) {
        long actualSize = actual.size();
        if (wholeFile ? actualSize != size : actualSize < size) {
            throw new FerryException(ErrorCode.VERIFY_FAILED, "verification failed: " + actual.describe() + " has "
                    + actualSize + " bytes, expected " + size);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment left = Memory.allocate(arena, blockSize);
            MemorySegment right = Memory.allocate(arena, blockSize);
            for (long offset = 0; offset < size; offset += blockSize) {
                int length = (int) Math.min(blockSize, size - offset);
                try (Transfer read = agent.prepare(TransferOp.READ, List.of(
                        Descriptor.of(left, 0, length, expected, offset),
                        Descriptor.of(right, 0, length, actual, offset)))) {
                    read.post();
                    read.await().throwCauseIfFailed();
                }
                long mismatch = MemorySegment.mismatch(left, 0, length, right, 0, length);
                if (mismatch >= 0) {
                    throw new FerryException(ErrorCode.VERIFY_FAILED, "verification failed: " + expected.describe()
                            + " and " + actual.describe() + " differ at byte " + (offset + mismatch));
                }
                progress.accept(offset + length);
            }
        }
    }
}
