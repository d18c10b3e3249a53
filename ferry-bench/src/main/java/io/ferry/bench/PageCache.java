package io.ferry.bench;

import io.ferry.internal.Errno;
import io.ferry.internal.linux.CFunction;
import io.ferry.internal.linux.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Drops a file's pages from the page cache, as fio does before a job with {@code invalidate=1}:
 * {@code posix_fadvise(POSIX_FADV_DONTNEED)} over the whole file. The kernel keeps dirty pages, so
 * the file's data is written back first ({@code fdatasync}); then every page of it can go.
 */
final class PageCache {
    /** {@code POSIX_FADV_DONTNEED} of Linux's {@code <linux/fadvise.h>}. */
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final CFunction FADVISE = CFunction.returningInt("posix_fadvise");

    private PageCache() {
    }

    /**
     * Writes back and drops every cached page of {@code file} (a file or a block device).
     *
     * @throws io.ferry.FerryException naming the call and the errno when the file cannot be opened,
     *         written back or advised
     */
    static void drop(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            int fd = LibC.open(errno, file.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            if (fd < 0) {
                throw Errno.failure("open", file.toString(), -fd);
            }
            try {
                int synced = LibC.fdatasync(errno, fd);
                if (synced < 0) {
                    throw Errno.failure("fdatasync", file.toString(), -synced);
                }
                int advised = dontNeed(errno, fd);
                if (advised != 0) {
                    throw Errno.failure("posix_fadvise", file + ", POSIX_FADV_DONTNEED", advised);
                }
            } finally {
                LibC.close(errno, fd);
            }
        }
    }

    /** posix_fadvise returns the error number instead of setting errno. */
    private static int dontNeed(MemorySegment errno, int fd) {
        return (int) FADVISE.call(errno, fd, 0, 0, POSIX_FADV_DONTNEED, 0, 0);
    }
}
