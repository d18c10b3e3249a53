package io.ferry.nvmf.device;

/**
 * A device that stores nothing: writes are dropped, reads return zeroes. It measures everything
 * but the storage.
 */
public final class NullDevice implements BlockDevice {
    private final int blockSize;
    private final long blockCount;

    public NullDevice(long blockCount, int blockSize) {
        this.blockSize = BlockSizes.check(blockSize);
        this.blockCount = BlockSizes.checkCount(blockCount, "a null device of " + blockCount + " blocks");
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    @Override
    public boolean hasVolatileWriteCache() {
        return false;
    }

    @Override
    public String describe() {
        return "null device of " + blockCount + " blocks of " + blockSize + " bytes";
    }

    @Override
    public BlockChannel openChannel(int depth, BlockCompletion completion) {
        return new ImmediateChannel(null, blockSize, depth, completion);
    }

    @Override
    public void close() {
    }
}
