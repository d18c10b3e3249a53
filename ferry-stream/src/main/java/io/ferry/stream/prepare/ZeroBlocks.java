package io.ferry.stream.prepare;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Zero-block detection (multifd's zero-page detection): a block of zeros is sent as a header only, and
 * the receiver leaves a hole or writes zeros as its destination needs. Compares against a shared
 * zeroed segment with {@link MemorySegment#mismatch}, which the JDK vectorizes; allocates nothing.
 */
public final class ZeroBlocks {
    /** Native zeros, for comparing and for writing zeros. Never written. */
    public static final MemorySegment ZEROS = Arena.global().allocate(64 * 1024, PacketBuffer.PAGE);

    private ZeroBlocks() {
    }

    /** Writes {@code length} zeros into {@code memory} from {@code offset}. */
    public static void fill(MemorySegment memory, long offset, long length) {
        for (long done = 0; done < length; done += ZEROS.byteSize()) {
            MemorySegment.copy(ZEROS, 0, memory, offset + done, Math.min(ZEROS.byteSize(), length - done));
        }
    }

    /** True when {@code length} bytes of {@code memory} from {@code offset} are all zero. */
    public static boolean isZero(MemorySegment memory, long offset, long length) {
        long at = offset;
        long end = offset + length;
        while (at < end) {
            long n = Math.min(end - at, ZEROS.byteSize());
            if (MemorySegment.mismatch(memory, at, at + n, ZEROS, 0, n) != -1) {
                return false;
            }
            at += n;
        }
        return true;
    }
}
