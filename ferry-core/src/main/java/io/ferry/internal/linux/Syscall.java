package io.ferry.internal.linux;

import io.ferry.internal.Errno;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library's variadic {@code long syscall(long number, ...)}, for the system calls it has no
 * wrapper for (io_uring, Linux AIO): six {@code long} arguments, unused ones 0, errno captured.
 * Class loading never fails: without the symbol, {@link #isAvailable()} is false and every call
 * answers {@code -ENOSYS}.
 */
public final class Syscall {
    private static final MethodHandle SYSCALL = CFunction.downcall("syscall", FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1)).orElse(null);

    private Syscall() {
    }

    /** Whether the C library has {@code syscall()}. */
    public static boolean isAvailable() {
        return SYSCALL != null;
    }

    /** The system call's result, or -errno. */
    public static long call(MemorySegment errno, long number, long a, long b, long c, long d, long e, long f) {
        if (SYSCALL == null) {
            return -Errno.ENOSYS;
        }
        try {
            long result = (long) SYSCALL.invokeExact(errno, number, a, b, c, d, e, f);
            return result >= 0 ? result : -LibC.errno(errno);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }
}
