package io.ferry.bench;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The deterministic content the benchmark writes: the byte at file offset {@code o} is byte
 * {@code o % 8} (little-endian) of a 64-bit hash of {@code o / 8}. Every offset has its own value,
 * so a block that lands at the wrong offset is caught, and no 8 bytes of it are zeros as a hole
 * would be.
 */
final class Pattern {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Pattern() {
    }

    /** Fills {@code length} bytes of {@code memory} from {@code memoryOffset} with the pattern of the file from {@code fileOffset}. */
    static void fill(MemorySegment memory, long memoryOffset, long length, long fileOffset) {
        long done = 0;
        while (done < length && ((fileOffset + done) & 7) != 0) {
            memory.set(ValueLayout.JAVA_BYTE, memoryOffset + done, byteAt(fileOffset + done));
            done++;
        }
        for (; length - done >= 8; done += 8) {
            memory.set(WORD, memoryOffset + done, word((fileOffset + done) >>> 3));
        }
        for (; done < length; done++) {
            memory.set(ValueLayout.JAVA_BYTE, memoryOffset + done, byteAt(fileOffset + done));
        }
    }

    /** The pattern byte at one file offset. */
    static byte byteAt(long fileOffset) {
        return (byte) (word(fileOffset >>> 3) >>> ((fileOffset & 7) << 3));
    }

    /** SplitMix64's finaliser of {@code index + 1}: never 0 for the word indices of a file. */
    private static long word(long index) {
        long z = (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
