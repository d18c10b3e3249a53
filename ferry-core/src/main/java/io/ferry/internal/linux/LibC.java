package io.ferry.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The C library calls the file engines need, as FFM downcalls that capture errno. Every call takes
 * an errno capture segment from {@link #newErrnoState(Arena)} owned by the calling thread's
 * component, and returns the raw result or, on failure, the negated errno. Buffers are passed as
 * {@code long} addresses so that nothing is allocated per call.
 */
public final class LibC {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_TRUNC = 01000;
    public static final int O_CLOEXEC = 02000000;
    /** O_DIRECT differs between architectures (asm-generic/fcntl.h vs arch/arm64 and others). */
    public static final int O_DIRECT = isArm64() ? 0200000 : 040000;
    public static final int SEEK_END = 2;
    /** fallocate(2) mode: do not change the file size. */
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    /** fallocate(2) mode: deallocate the range (with KEEP_SIZE); it reads as zeroes. */
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    /** fallocate(2) mode: make the range read as zeroes, keeping it allocated. */
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;

    private static final CFunction OPEN = CFunction.variadicReturningInt("open");
    private static final CFunction CLOSE = CFunction.returningInt("close");
    private static final CFunction PREAD = CFunction.returningLong("pread");
    private static final CFunction PWRITE = CFunction.returningLong("pwrite");
    private static final CFunction LSEEK = CFunction.returningLong("lseek");
    private static final CFunction FSYNC = CFunction.returningInt("fsync");
    private static final CFunction FTRUNCATE = CFunction.returningInt("ftruncate");
    private static final CFunction FDATASYNC = CFunction.returningInt("fdatasync");
    private static final CFunction FALLOCATE = CFunction.returningInt("fallocate");

    private LibC() {
    }

    private static boolean isArm64() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** A segment that receives errno for calls made by one thread. */
    public static MemorySegment newErrnoState(Arena arena) {
        return CFunction.newErrnoState(arena);
    }

    /** The errno the last call made with {@code state} captured. */
    public static int errno(MemorySegment state) {
        return CFunction.errno(state);
    }

    /** open(2): a file descriptor, or -errno. */
    public static int open(MemorySegment state, String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.call(state, arena.allocateFrom(path).address(), flags, mode, 0, 0, 0);
        }
    }

    /** close(2): 0, or -errno. */
    public static int close(MemorySegment state, int fd) {
        return (int) CLOSE.call(state, fd, 0, 0, 0, 0, 0);
    }

    /** pread(2): bytes read, or -errno. */
    public static long pread(MemorySegment state, int fd, long address, long length, long offset) {
        return PREAD.call(state, fd, address, length, offset, 0, 0);
    }

    /** pwrite(2): bytes written, or -errno. */
    public static long pwrite(MemorySegment state, int fd, long address, long length, long offset) {
        return PWRITE.call(state, fd, address, length, offset, 0, 0);
    }

    /** The size of an open file (lseek to its end; positional I/O does not use the position), or -errno. */
    public static long size(MemorySegment state, int fd) {
        return seek(state, fd, 0, SEEK_END);
    }

    /** lseek(2) with a {@code SEEK_*} whence: the new position, or -errno. */
    public static long seek(MemorySegment state, int fd, long offset, int whence) {
        return LSEEK.call(state, fd, offset, whence, 0, 0, 0);
    }

    /** fsync(2): 0, or -errno. */
    public static int fsync(MemorySegment state, int fd) {
        return (int) FSYNC.call(state, fd, 0, 0, 0, 0, 0);
    }

    /** fdatasync(2): 0, or -errno. */
    public static int fdatasync(MemorySegment state, int fd) {
        return (int) FDATASYNC.call(state, fd, 0, 0, 0, 0, 0);
    }

    /** fallocate(2) with a {@code FALLOC_FL_*} mode: 0, or -errno. */
    public static int fallocate(MemorySegment state, int fd, int mode, long offset, long length) {
        return (int) FALLOCATE.call(state, fd, mode, offset, length, 0, 0);
    }

    /** ftruncate(2): 0, or -errno. */
    public static int ftruncate(MemorySegment state, int fd, long length) {
        return (int) FTRUNCATE.call(state, fd, length, 0, 0, 0, 0);
    }

    /** Rethrows what a downcall threw: unchecked as is, anything else wrapped (it cannot happen for these handles). */
    public static RuntimeException downcallFailure(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }
}
