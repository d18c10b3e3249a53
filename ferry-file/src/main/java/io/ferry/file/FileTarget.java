package io.ferry.file;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Statx;
import io.ferry.internal.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open file, served by the {@link FileBackend} that opened it. Thread-safe; closing is refused
 * while a transfer that uses the file is in flight.
 */
public final class FileTarget implements Target {
    /** Direct-I/O alignment when the kernel does not report one (statx STATX_DIOALIGN): safe on every device. */
    static final int DEFAULT_DIRECT_ALIGNMENT = 4096;

    private final FileBackend backend;
    private final Path path;
    private final int fd;
    private final int bufferedFd;
    private final boolean readable;
    private final boolean writable;
    private final boolean direct;
    private final int directMemoryAlignment;
    private final int directOffsetAlignment;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean open = true;

    /**
     * @param bufferedFd the same file opened without O_DIRECT, for the unaligned parts of direct
     *                   transfers; {@code fd} itself when the file is not direct
     */
    FileTarget(FileBackend backend, Path path, int fd, int bufferedFd, boolean readable, boolean writable,
               boolean direct) {
        this.backend = backend;
        this.path = path;
        this.fd = fd;
        this.bufferedFd = bufferedFd;
        this.readable = readable;
        this.writable = writable;
        this.direct = direct;
        // The backend cuts requests with masks, so an alignment must be a power of two; else the safe default.
        Statx.DirectAlignment alignment = direct ? Statx.directAlignment(fd)
                .filter(a -> Integer.bitCount(a.memoryBytes()) == 1 && Integer.bitCount(a.offsetBytes()) == 1)
                .orElse(null) : null;
        this.directMemoryAlignment = alignment == null ? DEFAULT_DIRECT_ALIGNMENT : alignment.memoryBytes();
        this.directOffsetAlignment = alignment == null ? DEFAULT_DIRECT_ALIGNMENT : alignment.offsetBytes();
    }

    /** The absolute path the file was opened at. */
    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    @Override
    public long size() {
        checkOpen();
        try (Arena arena = Arena.ofConfined()) {
            long size = LibC.size(LibC.newErrnoState(arena), fd);
            if (size < 0) {
                throw Errno.failure("lseek", path.toString(), (int) -size);
            }
            return size;
        }
    }

    /** Flushes written data to the device (fsync). */
    public void sync() {
        checkOpen();
        try (Arena arena = Arena.ofConfined()) {
            int result = LibC.fsync(LibC.newErrnoState(arena), fd);
            if (result < 0) {
                throw Errno.failure("fsync", path.toString(), -result);
            }
        }
    }

    /**
     * Reserves the file's first {@code length} bytes on its device (fallocate(2)), making the file at
     * least that long, so that writes inside them do not extend it: ext4 runs O_DIRECT writes that
     * extend a file one at a time, whatever the queue depth, and a full device fails here rather than
     * after part of the data moved (the file then keeps the length it had: ext4 leaves what it could
     * reserve). Where the file system cannot reserve space (EOPNOTSUPP), the file is only made that
     * long, with a hole. A longer file keeps its length and bytes.
     */
    public void allocate(long length) {
        checkOpen();
        if (!writable) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, describe() + " was not opened for writing");
        }
        if (length < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot allocate " + length + " bytes of " + describe());
        }
        if (length == 0) {
            return;
        }
        long before = size();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            int result;
            do {
                result = LibC.fallocate(errno, fd, 0, 0, length);
            } while (result == -Errno.EINTR);
            if (result == -Errno.EOPNOTSUPP) {
                if (before >= length) {
                    return;
                }
                result = LibC.ftruncate(errno, fd, length);
                if (result < 0) {
                    throw Errno.failure("ftruncate", path.toString(), -result);
                }
            } else if (result < 0) {
                if (size() > before) {
                    LibC.ftruncate(errno, fd, before); // best effort: the failure below is what the caller needs
                }
                throw Errno.failure("fallocate", path.toString(), -result);
            }
        }
    }

    /** Whether the file was opened for reading, so READ transfers may use it (see {@link OpenFlag}). */
    public boolean isReadable() {
        return readable;
    }

    /** Whether the file was opened with {@link OpenFlag#WRITE}, so WRITE transfers may use it. */
    public boolean isWritable() {
        return writable;
    }

    /** Whether the file was opened with {@link OpenFlag#DIRECT}. */
    public boolean isDirect() {
        return direct;
    }

    /**
     * The multiple of the device for offsets and lengths when {@linkplain #isDirect() direct}: what
     * the kernel reports through statx (STATX_DIOALIGN), else {@value #DEFAULT_DIRECT_ALIGNMENT}.
     * Requests need not respect it: the page-aligned middle of a descriptor goes to the device
     * directly, its unaligned head and tail through the page cache.
     */
    public int directAlignment() {
        return directOffsetAlignment;
    }

    /**
     * The multiple that memory addresses must respect for a direct transfer without a bounce
     * buffer; reported by the kernel like {@link #directAlignment()}. Memory that is not aligned so
     * is served through aligned bounce buffers.
     */
    public int directMemoryAlignment() {
        return directMemoryAlignment;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    int fd() {
        return fd;
    }

    int bufferedFd() {
        return bufferedFd;
    }

    FileBackend backend() {
        return backend;
    }

    /** Marks one more transfer in flight; fails when the file was closed. */
    void acquire() {
        inFlight.incrementAndGet();
        if (!open) {
            inFlight.decrementAndGet();
            throw new FerryException(ErrorCode.CLOSED, describe() + " is closed");
        }
    }

    void releaseUse() {
        inFlight.decrementAndGet();
    }

    private void checkOpen() {
        if (!open) {
            throw new FerryException(ErrorCode.CLOSED, describe() + " is closed");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The descriptors are released once every shard of the backend has let go of the file (an
     * io_uring queue may hold it registered): at the backend's next poll or when the agent closes.
     */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        int using = inFlight.get();
        if (using > 0) {
            open = true;
            throw new FerryException(ErrorCode.ILLEGAL_STATE,
                    describe() + " is used by " + using + " transfer(s) in flight; await them before closing");
        }
        backend.forget(this);
    }

    /** Closes the descriptors, once every shard's engine has let go of the file (errors on close are not actionable). */
    void closeDescriptors() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            if (bufferedFd != fd) {
                LibC.close(errno, bufferedFd);
            }
            LibC.close(errno, fd);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
