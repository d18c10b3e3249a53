package io.ferry.nvmf.device;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A device in native memory, zeroed at creation: what a RAM disk is. Channels copy at submission
 * and complete at their next poll. Concurrent writes to the same blocks from several poll groups
 * race as they would on a disk.
 */
public final class MemoryDevice extends Geometry {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment memory;

    /**
     * A zeroed device of {@code blockCount} blocks of {@code blockSize} bytes (512 to 4096, a power of
     * two), in native memory held until {@link #close()}.
     */
    public MemoryDevice(long blockCount, int blockSize) {
        super(blockCount, blockSize, "a memory device of " + blockCount + " blocks");
        if (blockCount > Long.MAX_VALUE / blockSize) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "memory device too large: " + blockCount + " blocks");
        }
        this.memory = arena.allocate(blockCount * blockSize, 4096);
    }

    /** The device's bytes, for inspection; valid until {@link #close()}. */
    public MemorySegment memory() {
        return memory;
    }

    @Override
    public boolean hasVolatileWriteCache() {
        return false;
    }

    @Override
    public String describe() {
        return "memory device of " + blockCount() + " blocks of " + blockSize() + " bytes";
    }

    @Override
    public BlockChannel openChannel(int depth, BlockCompletion completion) {
        return new ImmediateChannel(memory, blockSize(), depth, completion);
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
