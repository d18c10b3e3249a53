package io.ferry.file.engine;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.function.LongConsumer;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The submission ring and its entries, mapped from the kernel. Entries are written at a local tail
 * that only this side moves; {@link #publish()} makes them visible to the kernel with a release
 * store of the ring tail, so every entry written before is seen complete. The index array maps ring
 * position {@code i} to entry {@code i} once, at construction, as liburing does.
 */
final class SubmissionQueue {
    /** {@code sizeof(struct io_uring_sqe)} without IORING_SETUP_SQE128. */
    static final long SQE_SIZE = 64;
    /** Fields of {@code struct io_uring_sqe} (include/uapi/linux/io_uring.h). */
    private static final long SQE_OPCODE = 0;
    private static final long SQE_FLAGS = 1;
    private static final long SQE_IOPRIO = 2;
    private static final long SQE_FD = 4;
    private static final long SQE_OFF = 8;
    private static final long SQE_ADDR = 16;
    private static final long SQE_LEN = 24;
    private static final long SQE_RW_FLAGS = 28;
    private static final long SQE_USER_DATA = 32;
    /** buf_index (READ_FIXED/WRITE_FIXED: the registered buffer), then personality and splice_fd_in, zero. */
    private static final long SQE_BUF_INDEX = 40;
    private static final long SQE_PERSONALITY = 42;
    private static final long SQE_SPLICE_FD_IN = 44;
    /** addr3 and __pad2[0]: zero. */
    private static final long SQE_ADDR3 = 48;
    private static final long SQE_PAD2 = 56;

    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final MemorySegment sqes;
    private final long headOffset;
    private final long tailOffset;
    private final long flagsOffset;
    private final int mask;
    private int tail;

    SubmissionQueue(MemorySegment ring, MemorySegment sqes, IoUringParams params) {
        this.ring = ring;
        this.sqes = sqes;
        headOffset = params.sqHead;
        tailOffset = params.sqTail;
        flagsOffset = params.sqFlags;
        mask = ring.get(JAVA_INT, params.sqRingMask);
        for (int i = 0; i < params.sqEntries; i++) {
            ring.set(JAVA_INT, params.sqArray + (long) i * Integer.BYTES, i);
        }
        tail = (int) INT.getAcquire(ring, tailOffset);
    }

    /**
     * Writes one read or write entry at the local tail; with IOSQE_FIXED_FILE in {@code flags},
     * {@code fd} is a slot of the registered file table, and {@code bufIndex} is the registered buffer
     * of a READ_FIXED/WRITE_FIXED (0 otherwise). The caller guarantees the slot is free: no more
     * operations outstanding than the ring has entries.
     */
    void put(byte opcode, byte flags, int fd, long fileOffset, long address, int length, int bufIndex, long userData) {
        long sqe = (long) (tail & mask) * SQE_SIZE;
        sqes.set(JAVA_BYTE, sqe + SQE_OPCODE, opcode);
        sqes.set(JAVA_BYTE, sqe + SQE_FLAGS, flags);
        sqes.set(JAVA_SHORT, sqe + SQE_IOPRIO, (short) 0);
        sqes.set(JAVA_INT, sqe + SQE_FD, fd);
        sqes.set(JAVA_LONG, sqe + SQE_OFF, fileOffset);
        sqes.set(JAVA_LONG, sqe + SQE_ADDR, address);
        sqes.set(JAVA_INT, sqe + SQE_LEN, length);
        sqes.set(JAVA_INT, sqe + SQE_RW_FLAGS, 0);
        sqes.set(JAVA_LONG, sqe + SQE_USER_DATA, userData);
        sqes.set(JAVA_SHORT, sqe + SQE_BUF_INDEX, (short) bufIndex);
        sqes.set(JAVA_SHORT, sqe + SQE_PERSONALITY, (short) 0);
        sqes.set(JAVA_INT, sqe + SQE_SPLICE_FD_IN, 0);
        sqes.set(JAVA_LONG, sqe + SQE_ADDR3, 0L);
        sqes.set(JAVA_LONG, sqe + SQE_PAD2, 0L);
        tail++;
    }

    /**
     * Takes back the last {@code count} entries put, which the kernel has not consumed (an
     * io_uring_enter that failed took none of them), handing each one's user data to {@code taken};
     * the tail is published again. Not with SQPOLL, whose thread may consume entries at any time.
     */
    void takeBack(int count, LongConsumer taken) {
        for (int i = count; i > 0; i--) {
            taken.accept(sqes.get(JAVA_LONG, (long) ((tail - i) & mask) * SQE_SIZE + SQE_USER_DATA));
        }
        tail -= count;
        publish();
    }

    /** Makes every entry put so far visible to the kernel (release store of the ring tail). */
    void publish() {
        INT.setRelease(ring, tailOffset, tail);
    }

    /** Entries published and not yet consumed by the kernel. */
    int pending() {
        return tail - (int) INT.getAcquire(ring, headOffset);
    }

    /** The ring flags the kernel sets (IORING_SQ_NEED_WAKEUP, IORING_SQ_CQ_OVERFLOW), acquire load. */
    int flags() {
        return (int) INT.getAcquire(ring, flagsOffset);
    }

    /**
     * The ring flags read after a full fence, which orders the preceding tail store before this load:
     * the SQPOLL wake-up protocol needs it, or a thread going to sleep could miss the new tail.
     */
    int flagsAfterPublish() {
        VarHandle.fullFence();
        return flags();
    }
}
