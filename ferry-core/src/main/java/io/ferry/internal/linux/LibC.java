package io.ferry.internal.linux;


import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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
    private static final int SEEK_END = 2;
    /** fallocate(2) mode: do not change the file size. */
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    /** fallocate(2) mode: deallocate the range (with KEEP_SIZE); it reads as zeroes. */
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    /** fallocate(2) mode: make the range read as zeroes, keeping it allocated. */
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout ERRNO_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PREAD = downcall("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE = downcall("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle LSEEK = downcall("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle FSYNC = downcall("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FTRUNCATE = downcall("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FDATASYNC = downcall("fdatasync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FALLOCATE = downcall("fallocate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));

    private LibC() {
    }

    private static boolean isArm64() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** A downcall to the C library function {@code name} that captures errno, with extra linker options. */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return optionalDowncall(name, descriptor, options)
                .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
    }

    /** Like {@link #downcall}, empty when the C library has no such function. */
    public static Optional<MethodHandle> optionalDowncall(String name, FunctionDescriptor descriptor,
                                                          Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.defaultLookup().find(name).or(() -> SymbolLookup.loaderLookup().find(name))
                .map(symbol -> LINKER.downcallHandle(symbol, descriptor, all));
    }

    /** A segment that receives errno for calls made by one thread. */
    public static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(ERRNO_LAYOUT);
    }

    /** The errno the last call made with {@code state} captured. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** open(2): a file descriptor, or -errno. */
    public static int open(MemorySegment state, String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, mode);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** close(2): 0, or -errno. */
    public static int close(MemorySegment state, int fd) {
        try {
            int result = (int) CLOSE.invokeExact(state, fd);
            return result == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** pread(2): bytes read, or -errno. */
    public static long pread(MemorySegment state, int fd, long address, long length, long offset) {
        try {
            long result = (long) PREAD.invokeExact(state, fd, address, length, offset);
            return result >= 0 ? result : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** pwrite(2): bytes written, or -errno. */
    public static long pwrite(MemorySegment state, int fd, long address, long length, long offset) {
        try {
            long result = (long) PWRITE.invokeExact(state, fd, address, length, offset);
            return result >= 0 ? result : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** The size of an open file (lseek to its end; positional I/O does not use the position), or -errno. */
    public static long size(MemorySegment state, int fd) {
        try {
            long result = (long) LSEEK.invokeExact(state, fd, 0L, SEEK_END);
            return result >= 0 ? result : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** fsync(2): 0, or -errno. */
    public static int fsync(MemorySegment state, int fd) {
        try {
            int result = (int) FSYNC.invokeExact(state, fd);
            return result == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** fdatasync(2): 0, or -errno. */
    public static int fdatasync(MemorySegment state, int fd) {
        try {
            int result = (int) FDATASYNC.invokeExact(state, fd);
            return result == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** fallocate(2) with a {@code FALLOC_FL_*} mode: 0, or -errno. */
    public static int fallocate(MemorySegment state, int fd, int mode, long offset, long length) {
        try {
            int result = (int) FALLOCATE.invokeExact(state, fd, mode, offset, length);
            return result == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
    }

    /** ftruncate(2): 0, or -errno. */
    public static int ftruncate(MemorySegment state, int fd, long length) {
        try {
            int result = (int) FTRUNCATE.invokeExact(state, fd, length);
            return result == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw downcallFailure(t);
        }
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
