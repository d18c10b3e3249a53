package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;

/** The alignment rules of direct I/O, in one place. */
final class Direct {
    private Direct() {
    }

    /** Whether an engine can use this memory as it is: native, and aligned when the file is direct. */
    static boolean zeroCopy(MemorySegment memory, int alignment) {
        return memory.isNative() && (memory.address() & (alignment - 1)) == 0;
    }

    /**
     * Refuses a direct-I/O descriptor whose file offset or length is not a multiple of the
     * alignment. Unaligned memory is fine: it goes through aligned bounce buffers.
     */
    static void checkAligned(int index, Descriptor descriptor, int alignment) {
        if (descriptor.targetOffset() % alignment != 0 || descriptor.length() % alignment != 0) {
            throw new FerryException(ErrorCode.UNALIGNED, "descriptor " + index + ": " + descriptor.target().describe()
                    + " is open with O_DIRECT, which needs offset and length to be multiples of " + alignment
                    + " (offset " + descriptor.targetOffset() + ", length " + descriptor.length() + ")");
        }
    }
}
