package io.ferry.file.engine;

import io.ferry.spi.CompletionHandler;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The completion ring, mapped from the kernel. The kernel moves the tail, this side the head: an
 * acquire load of the tail makes every entry before it readable, a release store of the head hands
 * the read slots back. Draining is a plain memory walk; no system call.
 */
final class CompletionQueue {
    /** {@code sizeof(struct io_uring_cqe)} without IORING_SETUP_CQE32. */
    static final long CQE_SIZE = 16;
    /** Fields of {@code struct io_uring_cqe} (include/uapi/linux/io_uring.h). */
    private static final long CQE_USER_DATA = 0;
    private static final long CQE_RES = 8;

    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final long headOffset;
    private final long tailOffset;
    private final long cqesOffset;
    private final int mask;
    private int head;

    CompletionQueue(MemorySegment ring, IoUringParams params) {
        this.ring = ring;
        headOffset = params.cqHead;
        tailOffset = params.cqTail;
        cqesOffset = params.cqes;
        mask = ring.get(JAVA_INT, params.cqRingMask);
        head = (int) INT.getAcquire(ring, headOffset);
    }

    /** Delivers every completion in the ring as (user_data, res); returns how many. */
    int drain(CompletionHandler handler) {
        int tail = (int) INT.getAcquire(ring, tailOffset);
        int count = tail - head;
        if (count == 0) {
            return 0;
        }
        try {
            while (head != tail) {
                long cqe = cqesOffset + (long) (head & mask) * CQE_SIZE;
                long userData = ring.get(JAVA_LONG, cqe + CQE_USER_DATA);
                int result = ring.get(JAVA_INT, cqe + CQE_RES);
                head++;
                handler.complete(userData, result);
            }
        } finally {
            INT.setRelease(ring, headOffset, head);
        }
        return count;
    }
}
