package io.ferry.nvmf.device;

/** The fixed shape every device shares: a checked block size and a number of blocks. */
abstract class Geometry implements BlockDevice {
    private final int blockSize;
    private final long blockCount;

    Geometry(long blockCount, int blockSize, String what) {
        this.blockSize = BlockSizes.check(blockSize);
        this.blockCount = BlockSizes.checkCount(blockCount, what);
    }

    @Override
    public final int blockSize() {
        return blockSize;
    }

    @Override
    public final long blockCount() {
        return blockCount;
    }
}
