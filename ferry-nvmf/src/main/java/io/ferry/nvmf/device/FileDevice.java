package io.ferry.nvmf.device;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A device backed by a file (or a block device node) through one of ferry-file's engines
 * (io_uring, libaio, psync, ...): each channel opens its own engine queue to the same file, so
 * every poll group serving the namespace has a queue of its own. Reads and writes go through the
 * queue; flush (fdatasync), write zeroes and deallocate (fallocate ZERO_RANGE or PUNCH_HOLE, with
 * KEEP_SIZE) are system calls made at submission, since engine queues carry only reads and writes.
 * The file's size is fixed at open: a trailing partial block is not exposed.
 */
public final class FileDevice extends Geometry {
    private final Path path;
    private final int fd;
    private final boolean direct;
    private final IoEngine engine;
    private final Settings settings;
    private boolean open = true;

    private FileDevice(Path path, int fd, int blockSize, long blockCount, boolean direct, IoEngine engine, Settings settings) {
        super(blockCount, blockSize, "file " + path);
        this.path = path;
        this.fd = fd;
        this.direct = direct;
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Opens an existing file for reading and writing.
     *
     * @param direct O_DIRECT: the block size must then be a multiple of the device's direct-I/O alignment
     */
    public static FileDevice open(Path path, int blockSize, boolean direct, IoEngine engine, Settings settings) {
        BlockSizes.check(blockSize);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            int flags = LibC.O_RDWR | LibC.O_CLOEXEC | (direct ? LibC.O_DIRECT : 0);
            int fd = LibC.open(errno, path.toString(), flags, 0);
            if (fd < 0) {
                throw Errno.failure("open", path.toString(), -fd);
            }
            long size = LibC.size(errno, fd);
            if (size < blockSize) {
                LibC.close(errno, fd);
                if (size < 0) {
                    throw Errno.failure("lseek", path.toString(), (int) -size);
                }
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "file " + path + " of " + size
                        + " bytes holds no whole block of " + blockSize + " bytes");
            }
            return new FileDevice(path, fd, blockSize, size / blockSize, direct, engine, settings);
        }
    }

    @Override
    public boolean hasVolatileWriteCache() {
        return true;
    }

    @Override
    public String describe() {
        return "file " + path + (direct ? " (O_DIRECT)" : "") + " on " + engine.name();
    }

    @Override
    public BlockChannel openChannel(int depth, BlockCompletion completion) {
        synchronized (this) {
            if (!open) {
                throw new FerryException(ErrorCode.CLOSED, describe() + " is closed");
            }
        }
        return new FileChannel(engine.open(depth, settings), fd, blockSize(), depth, settings, completion);
    }

    /**
     * Flushes what hosts wrote to stable storage (fdatasync) and closes the file; every channel must
     * have been closed. Idempotent.
     *
     * @throws FerryException when the flush failed (the file is closed all the same)
     */
    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = LibC.newErrnoState(arena);
                int synced = LibC.fdatasync(errno, fd);
                LibC.close(errno, fd);
                if (synced < 0) {
                    throw Errno.failure("fdatasync", path.toString(), -synced);
                }
            }
        }
    }
}
