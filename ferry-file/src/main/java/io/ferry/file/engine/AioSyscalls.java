package io.ferry.file.engine;

import io.ferry.internal.linux.Syscall;
import io.ferry.internal.Errno;

import java.lang.foreign.MemorySegment;
import java.util.Optional;


/**
 * The four Linux AIO system calls, made directly through the C library's variadic
 * {@code long syscall(long number, ...)} (no libaio needed). Every call takes an errno capture
 * segment from {@link io.ferry.internal.linux.LibC#newErrnoState} and returns the kernel's result
 * or, on failure, the negated errno. Pointers are passed as {@code long} addresses, so nothing is
 * allocated per call. Class loading never fails: on an unknown platform, or without a
 * {@code syscall} symbol, every call answers {@code -ENOSYS} and {@link #platformProblem()} says why.
 */
final class AioSyscalls {
    /**
     * System call numbers, in the order setup, destroy, submit, getevents. x86_64 from
     * arch/x86/entry/syscalls/syscall_64.tbl (installed as asm/unistd_64.h: __NR_io_setup 206,
     * __NR_io_destroy 207, __NR_io_getevents 208, __NR_io_submit 209); aarch64 from
     * include/uapi/asm-generic/unistd.h (__NR_io_setup 0, __NR_io_destroy 1, __NR_io_submit 2,
     * __NR_io_getevents 4, the 64-bit sys_io_getevents).
     */
    private static final long[] X86_64 = {206, 207, 209, 208};
    private static final long[] AARCH64 = {0, 1, 2, 4};

    private static final String PLATFORM = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    private static final long[] NUMBERS = numbers();
    private static final long IO_SETUP = NUMBERS == null ? -1 : NUMBERS[0];
    private static final long IO_DESTROY = NUMBERS == null ? -1 : NUMBERS[1];
    private static final long IO_SUBMIT = NUMBERS == null ? -1 : NUMBERS[2];
    private static final long IO_GETEVENTS = NUMBERS == null ? -1 : NUMBERS[3];

    private AioSyscalls() {
    }

    private static long[] numbers() {
        if (!System.getProperty("os.name").equals("Linux")) {
            return null;
        }
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64" -> AARCH64;
            default -> null;
        };
    }

    /** Why these calls cannot work on this platform, or empty when they can be tried. */
    static Optional<String> platformProblem() {
        if (NUMBERS == null) {
            return Optional.of("Linux AIO needs Linux on x86_64 or aarch64; this is " + PLATFORM);
        }
        if (!Syscall.isAvailable()) {
            return Optional.of("the C library has no syscall() function on " + PLATFORM);
        }
        return Optional.empty();
    }

    /** io_setup(2): creates a context for {@code events} operations and stores it at {@code contextAddress}. */
    static long ioSetup(MemorySegment errno, int events, long contextAddress) {
        return call(errno, IO_SETUP, events, contextAddress, 0, 0, 0);
    }

    /** io_destroy(2): cancels or waits for outstanding operations and frees the context. */
    static long ioDestroy(MemorySegment errno, long context) {
        return call(errno, IO_DESTROY, context, 0, 0, 0, 0);
    }

    /** io_submit(2): queues up to {@code count} iocbs from the pointer array; returns how many it took. */
    static long ioSubmit(MemorySegment errno, long context, long count, long iocbPointers) {
        return call(errno, IO_SUBMIT, context, count, iocbPointers, 0, 0);
    }

    /** io_getevents(2): reads between {@code min} and {@code max} events, waiting at most {@code timeout}. */
    static long ioGetevents(MemorySegment errno, long context, long min, long max, long events, long timeout) {
        return call(errno, IO_GETEVENTS, context, min, max, events, timeout);
    }

    private static long call(MemorySegment errno, long number, long a, long b, long c, long d, long e) {
        return number < 0 ? -Errno.ENOSYS : Syscall.call(errno, number, a, b, c, d, e, 0);
    }
}
