package io.ferry.bench;

import io.ferry.Memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The memory of a row: one native, aligned buffer per in-flight slot, each holding the
 * {@code batchSize} blocks of one transfer back to back. Freed with the arena.
 */
final class SlotBuffers {
    private final MemorySegment memory;
    private final int batchSize;
    private final long blockSizeBytes;
    private final long spanBytes;

    SlotBuffers(Arena arena, int slots, int batchSize, long blockSizeBytes) {
        this.batchSize = batchSize;
        this.blockSizeBytes = blockSizeBytes;
        this.spanBytes = blockSizeBytes * batchSize;
        this.memory = Memory.allocate(arena, Math.multiplyExact(spanBytes, (long) slots));
    }

    /** All the slots' memory, for registration. */
    MemorySegment memory() {
        return memory;
    }

    /** The bytes one transfer moves. */
    long spanBytes() {
        return spanBytes;
    }

    /** The memory of block {@code descriptor} of slot {@code slot}; a new slice, for preparing transfers. */
    MemorySegment block(int slot, int descriptor) {
        return memory.asSlice(offset(slot, descriptor), blockSizeBytes);
    }

    /** Fills slot {@code slot} with the pattern of the file blocks at {@code position}; allocates nothing. */
    void stamp(int slot, int position, Workload workload) {
        for (int d = 0; d < batchSize; d++) {
            Pattern.fill(memory, offset(slot, d), blockSizeBytes, workload.offsetBytes(position, d));
        }
    }

    private long offset(int slot, int descriptor) {
        return slot * spanBytes + descriptor * blockSizeBytes;
    }
}
