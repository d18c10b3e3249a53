package io.ferry.nvmf.device;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A shared block of zeroes, copied from to clear memory without allocating a slice per call. */
final class Zeros {
    private static final MemorySegment ZEROS = Arena.global().allocate(128 * 1024, 4096);

    private Zeros() {
    }

    static void fill(MemorySegment memory, long offset, long length) {
        long done = 0;
        while (done < length) {
            long n = Math.min(length - done, ZEROS.byteSize());
            MemorySegment.copy(ZEROS, 0, memory, offset + done, n);
            done += n;
        }
    }
}
