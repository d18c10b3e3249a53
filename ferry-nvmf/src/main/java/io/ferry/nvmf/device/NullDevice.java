package io.ferry.nvmf.device;

/**
 * A device that stores nothing: writes are dropped, reads return zeroes. It measures everything
 * but the storage.
 */
public final class NullDevice extends Geometry {
    /** A device that claims {@code blockCount} blocks of {@code blockSize} bytes (512 to 4096, a power of two). */
    public NullDevice(long blockCount, int blockSize) {
        super(blockCount, blockSize, "a null device of " + blockCount + " blocks");
    }

    @Override
    public boolean hasVolatileWriteCache() {
        return false;
    }

    @Override
    public String describe() {
        return "null device of " + blockCount() + " blocks of " + blockSize() + " bytes";
    }

    @Override
    public BlockChannel openChannel(int depth, BlockCompletion completion) {
        return new ImmediateChannel(null, blockSize(), depth, completion);
    }

    @Override
    public void close() {
    }
}
