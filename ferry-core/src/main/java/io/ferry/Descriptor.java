package io.ferry;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One contiguous piece of a transfer: all of {@code memory} paired with the extent of the same
 * length at {@code targetOffset} in {@code target}.
 *
 * @param memory       the memory slice; its size is the descriptor's length (not empty)
 * @param target       where the bytes come from (READ) or go to (WRITE)
 * @param targetOffset the byte offset in the target, not negative
 */
public record Descriptor(MemorySegment memory, Target target, long targetOffset) {
    /** Checks the memory is not empty, the target not null and the offset in range. */
    public Descriptor {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(target, "target");
        if (memory.byteSize() == 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor memory is empty");
        }
        if (targetOffset < 0) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "target offset is negative: " + targetOffset);
        }
        if (targetOffset > Long.MAX_VALUE - memory.byteSize()) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE,
                    "target offset " + targetOffset + " + length " + memory.byteSize() + " overflows");
        }
    }

    /** All of {@code memory} at {@code targetOffset}. */
    public static Descriptor of(MemorySegment memory, Target target, long targetOffset) {
        return new Descriptor(memory, target, targetOffset);
    }

    /** {@code length} bytes of {@code memory} from {@code memoryOffset}, at {@code targetOffset}. */
    public static Descriptor of(MemorySegment memory, long memoryOffset, long length, Target target, long targetOffset) {
        Objects.requireNonNull(memory, "memory");
        if (memoryOffset < 0 || length < 0 || memoryOffset > memory.byteSize() - length) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "slice [" + memoryOffset + ", +" + length
                    + ") does not fit in memory of " + memory.byteSize() + " bytes");
        }
        return new Descriptor(memory.asSlice(memoryOffset, length), target, targetOffset);
    }

    /** The number of bytes this descriptor moves. */
    public long length() {
        return memory.byteSize();
    }
}
