package io.ferry.stream.internal;

import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The system calls a file source needs, through ferry-file's C library bindings: open, close,
 * positional read into native memory (continuing short reads, retrying EINTR) and lseek with
 * SEEK_DATA / SEEK_HOLE. Results are values (negated errno); one instance per owning thread.
 */
public final class FileReads implements AutoCloseable {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = LibC.newErrnoState(arena);

    /** Opens {@code path} for reading: a descriptor, or -errno. */
    public int open(String path) {
        return LibC.open(errno, path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
    }

    public void close(int fd) {
        LibC.close(errno, fd);
    }

    /** The size (lseek to the end; a block device's too), or -errno. */
    public long size(int fd) {
        return LibC.size(errno, fd);
    }

    /** What {@link #readFully} returns when the file ends first. */
    public static final long PAST_END = Long.MIN_VALUE;

    /** Reads exactly {@code length} bytes at {@code offset} into {@code memory}; 0, or -errno, or {@link #PAST_END}. */
    public long readFully(int fd, MemorySegment memory, long memoryOffset, long length, long offset) {
        long done = 0;
        while (done < length) {
            long n = LibC.pread(errno, fd, memory.address() + memoryOffset + done, length - done, offset + done);
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n <= 0) {
                return n == 0 ? PAST_END : n;
            }
            done += n;
        }
        return 0;
    }

    /** The next offset at or after {@code offset} that holds data, or {@code size} when none does. */
    public long nextData(int fd, long offset, long size) {
        long result = LibC.seek(errno, fd, offset, SEEK_DATA);
        return result == -ENXIO ? size : result < 0 ? offset : result;
    }

    /** The next hole at or after {@code offset} (the end of the file counts as one). */
    public long nextHole(int fd, long offset, long size) {
        long result = LibC.seek(errno, fd, offset, SEEK_HOLE);
        return result < 0 ? size : Math.min(result, size);
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
