package io.ferry.file.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The system calls of io_uring (through the C library's {@code syscall(2)}, which glibc does not wrap
 * for io_uring) and the {@code mmap}/{@code munmap} of its rings, as FFM downcalls that capture errno.
 * Each returns the raw result or, on failure, the negated errno; arguments are primitives and
 * addresses, so nothing is allocated per call.
 */
final class IoUringSyscalls {
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    /** MAP_SHARED | MAP_POPULATE: share the pages with the kernel and fault them in now. */
    private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;
    private static final long MAP_FAILED = -1L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout ERRNO_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** {@code long syscall(long number, ...)}: six variadic {@code long}s, as the C library reads them. */
    private static final MethodHandle SYSCALL = downcall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));

    private IoUringSyscalls() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    /** A segment that receives errno for calls made by one thread at a time. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(ERRNO_LAYOUT);
    }

    /** io_uring_setup(2): the ring file descriptor, or -errno. */
    static int setup(MemorySegment state, int entries, long params) {
        return (int) syscall(state, IoUringConstants.NR_IO_URING_SETUP, entries, params, 0, 0, 0, 0);
    }

    /** io_uring_enter(2) without a signal mask: operations consumed from the submission ring, or -errno. */
    static int enter(MemorySegment state, int ringFd, int toSubmit, int minComplete, int flags) {
        return (int) syscall(state, IoUringConstants.NR_IO_URING_ENTER, ringFd, toSubmit, minComplete, flags, 0, 0);
    }

    /** io_uring_register(2): a non-negative result, or -errno. */
    static int register(MemorySegment state, int ringFd, int opcode, long arg, int count) {
        return (int) syscall(state, IoUringConstants.NR_IO_URING_REGISTER, ringFd, opcode, arg, count, 0, 0);
    }

    /** mmap(2) of {@code length} bytes of the ring file at {@code offset}, shared: the address, or -errno. */
    static long mmap(MemorySegment state, int ringFd, long length, long offset) {
        try {
            long address = (long) MMAP.invokeExact(state, 0L, length, PROT_READ_WRITE, MAP_SHARED_POPULATE, ringFd, offset);
            return address != MAP_FAILED ? address : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** munmap(2): 0, or -errno. */
    static int munmap(MemorySegment state, long address, long length) {
        try {
            int result = (int) MUNMAP.invokeExact(state, address, length);
            return result == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static long syscall(MemorySegment state, long number, long a, long b, long c, long d, long e, long f) {
        try {
            long result = (long) SYSCALL.invokeExact(state, number, a, b, c, d, e, f);
            return result >= 0 ? result : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }
}
