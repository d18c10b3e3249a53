package io.ferry.file.engine;

/**
 * The Linux AIO structures, mirrored literally from {@code include/uapi/linux/aio_abi.h}
 * (installed as {@code /usr/include/linux/aio_abi.h}). Offsets are for 64-bit little-endian
 * Linux (x86_64, aarch64), the only platforms {@link AioSyscalls} knows. Fields not named here
 * ({@code aio_key}, {@code aio_rw_flags}, {@code aio_reqprio}, {@code aio_reserved2}, {@code res2})
 * are left as the kernel and a zeroed allocation make them: no RWF_* flags, no priority.
 */
final class AioAbi {
    /** {@code IOCB_CMD_PREAD} of the anonymous enum in aio_abi.h. */
    static final short IOCB_CMD_PREAD = 0;
    /** {@code IOCB_CMD_PWRITE} of the anonymous enum in aio_abi.h. */
    static final short IOCB_CMD_PWRITE = 1;

    /** {@code sizeof(struct iocb)}: "64 bytes", as the header's closing comment says. */
    static final long IOCB_SIZE = 64;
    /** {@code __u64 aio_data}: returned unchanged in {@code io_event.data}. */
    static final long IOCB_DATA = 0;
    /** {@code __u16 aio_lio_opcode}: one of the IOCB_CMD_* values. */
    static final long IOCB_LIO_OPCODE = 16;
    /** {@code __u32 aio_fildes}. */
    static final long IOCB_FILDES = 20;
    /** {@code __u64 aio_buf}: the user buffer address. */
    static final long IOCB_BUF = 24;
    /** {@code __u64 aio_nbytes}. */
    static final long IOCB_NBYTES = 32;
    /** {@code __s64 aio_offset}: the file offset. */
    static final long IOCB_OFFSET = 40;
    /** {@code __u32 aio_flags}: {@link #IOCB_FLAG_RESFD} or 0. */
    static final long IOCB_FLAGS = 56;
    /** {@code __u32 aio_resfd}: the eventfd a completion signals when {@link #IOCB_FLAG_RESFD} is set. */
    static final long IOCB_RESFD = 60;
    /** {@code IOCB_FLAG_RESFD}: signal {@code aio_resfd} on completion. */
    static final int IOCB_FLAG_RESFD = 1;

    /** {@code sizeof(struct io_event)}: four 64-bit fields. */
    static final long IO_EVENT_SIZE = 32;
    /** {@code __u64 data}: the {@code aio_data} of the iocb. */
    static final long IO_EVENT_DATA = 0;
    /** {@code __u64 obj}: the user address of the iocb this event came from. */
    static final long IO_EVENT_OBJ = 8;
    /** {@code __s64 res}: bytes transferred or a negated errno. */
    static final long IO_EVENT_RES = 16;

    /** {@code sizeof(aio_context_t)} ({@code __kernel_ulong_t}) on 64-bit Linux. */
    static final long CONTEXT_SIZE = 8;
    /** {@code sizeof(struct __kernel_timespec)}: tv_sec and tv_nsec, both 64-bit. */
    static final long TIMESPEC_SIZE = 16;

    private AioAbi() {
    }
}
