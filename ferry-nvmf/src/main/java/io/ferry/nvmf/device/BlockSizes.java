package io.ferry.nvmf.device;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/** Checks of a device's geometry, shared by every device. */
final class BlockSizes {
    private BlockSizes() {
    }

    /** A block size is a power of two from 512 to 4096 bytes (LBADS 9 to 12). */
    static int check(int blockSize) {
        if (blockSize < 512 || blockSize > 4096 || Integer.bitCount(blockSize) != 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "block size must be 512, 1024, 2048 or 4096 bytes: " + blockSize);
        }
        return blockSize;
    }

    static long checkCount(long blockCount, String what) {
        if (blockCount < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, what + " holds no whole block");
        }
        return blockCount;
    }
}
