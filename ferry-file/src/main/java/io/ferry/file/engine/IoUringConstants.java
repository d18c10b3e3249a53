package io.ferry.file.engine;

/**
 * Numbers of the io_uring ABI, as defined in the kernel header {@code include/uapi/linux/io_uring.h}
 * (and the system call table for the call numbers).
 */
final class IoUringConstants {
    /** {@code __NR_io_uring_setup}: the same on every architecture the JDK runs on (unified table, 5.1). */
    static final int NR_IO_URING_SETUP = 425;
    /** {@code __NR_io_uring_enter}. */
    static final int NR_IO_URING_ENTER = 426;
    /** {@code __NR_io_uring_register}. */
    static final int NR_IO_URING_REGISTER = 427;

    /** The largest submission ring the kernel accepts ({@code IORING_MAX_ENTRIES}). */
    static final int MAX_ENTRIES = 32768;

    /** {@code IORING_SETUP_SQPOLL}: a kernel thread polls the submission ring. */
    static final int IORING_SETUP_SQPOLL = 1 << 1;

    /** {@code IORING_FEAT_SINGLE_MMAP}: both rings live in one mapping. */
    static final int IORING_FEAT_SINGLE_MMAP = 1;

    /** {@code IOSQE_FIXED_FILE}: the entry's fd is a slot of the registered file table. */
    static final byte IOSQE_FIXED_FILE = 1;
    /** {@code IORING_ENTER_GETEVENTS}: also flush completions (and overflowed ones) into the ring. */
    static final int IORING_ENTER_GETEVENTS = 1;
    /** {@code IORING_ENTER_SQ_WAKEUP}: wake the SQPOLL thread. */
    static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;

    /** {@code IORING_SQ_NEED_WAKEUP} in the submission ring flags: the SQPOLL thread sleeps. */
    static final int IORING_SQ_NEED_WAKEUP = 1;
    /** {@code IORING_SQ_CQ_OVERFLOW} in the submission ring flags: completions wait outside a full ring. */
    static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;

    /** {@code IORING_OFF_SQ_RING}: mmap offset of the submission ring. */
    static final long IORING_OFF_SQ_RING = 0L;
    /** {@code IORING_OFF_CQ_RING}: mmap offset of the completion ring. */
    static final long IORING_OFF_CQ_RING = 0x8000000L;
    /** {@code IORING_OFF_SQES}: mmap offset of the submission queue entries. */
    static final long IORING_OFF_SQES = 0x10000000L;

    /** {@code IORING_OP_READ_FIXED} (5.1): positional read into a registered buffer named by buf_index. */
    static final byte IORING_OP_READ_FIXED = 4;
    /** {@code IORING_OP_WRITE_FIXED} (5.1): positional write from a registered buffer. */
    static final byte IORING_OP_WRITE_FIXED = 5;
    /** {@code IORING_OP_READ} (5.6): positional read into one buffer. */
    static final byte IORING_OP_READ = 22;
    /** {@code IORING_OP_WRITE} (5.6): positional write from one buffer. */
    static final byte IORING_OP_WRITE = 23;

    /** {@code IORING_REGISTER_PROBE} (5.6): which opcodes the kernel supports. */
    static final int IORING_REGISTER_PROBE = 8;

    private IoUringConstants() {
    }
}
