package io.ferry.file.engine;

import io.ferry.internal.linux.CFunction;
import io.ferry.internal.linux.Syscall;

import java.lang.foreign.MemorySegment;

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

    private static final CFunction MMAP = CFunction.returningLong("mmap");
    private static final CFunction MUNMAP = CFunction.returningInt("munmap");

    private IoUringSyscalls() {
    }

    /** io_uring_setup(2): the ring file descriptor, or -errno. */
    static int setup(MemorySegment state, int entries, long params) {
        return (int) Syscall.call(state, IoUringConstants.NR_IO_URING_SETUP, entries, params, 0, 0, 0, 0);
    }

    /** io_uring_enter(2) without a signal mask: operations consumed from the submission ring, or -errno. */
    static int enter(MemorySegment state, int ringFd, int toSubmit, int minComplete, int flags) {
        return (int) Syscall.call(state, IoUringConstants.NR_IO_URING_ENTER, ringFd, toSubmit, minComplete, flags, 0, 0);
    }

    /** io_uring_register(2): a non-negative result, or -errno. */
    static int register(MemorySegment state, int ringFd, int opcode, long arg, int count) {
        return (int) Syscall.call(state, IoUringConstants.NR_IO_URING_REGISTER, ringFd, opcode, arg, count, 0, 0);
    }

    /** mmap(2) of {@code length} bytes of the ring file at {@code offset}, shared: the address, or -errno. */
    static long mmap(MemorySegment state, int ringFd, long length, long offset) {
        return MMAP.call(state, 0, length, PROT_READ_WRITE, MAP_SHARED_POPULATE, ringFd, offset);
    }

    /** munmap(2): 0, or -errno. */
    static int munmap(MemorySegment state, long address, long length) {
        return (int) MUNMAP.call(state, address, length, 0, 0, 0, 0);
    }
}
