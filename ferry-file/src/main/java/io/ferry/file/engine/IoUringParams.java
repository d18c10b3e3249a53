package io.ferry.file.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * {@code struct io_uring_params} with its embedded {@code io_sqring_offsets} and
 * {@code io_cqring_offsets} (include/uapi/linux/io_uring.h): filled in by the caller with the flags,
 * completed by io_uring_setup with the ring sizes, features and the offsets of every ring field.
 */
final class IoUringParams {
    /** {@code sizeof(struct io_uring_params)}. */
    static final long SIZE = 120;
    private static final long SQ_ENTRIES = 0;
    private static final long CQ_ENTRIES = 4;
    private static final long FLAGS = 8;
    private static final long FEATURES = 20;
    /** {@code sq_off}: struct io_sqring_offsets. */
    private static final long SQ_OFF = 40;
    /** {@code cq_off}: struct io_cqring_offsets. */
    private static final long CQ_OFF = 80;
    /** Offsets inside io_sqring_offsets and io_cqring_offsets (their first fields have the same layout). */
    private static final long OFF_HEAD = 0;
    private static final long OFF_TAIL = 4;
    private static final long OFF_RING_MASK = 8;
    /** {@code io_sqring_offsets.flags}. */
    private static final long SQ_OFF_FLAGS = 16;
    /** {@code io_sqring_offsets.array}. */
    private static final long SQ_OFF_ARRAY = 24;
    /** {@code io_cqring_offsets.cqes}. */
    private static final long CQ_OFF_CQES = 20;

    final int sqEntries;
    final int cqEntries;
    final int features;
    final int sqHead;
    final int sqTail;
    final int sqRingMask;
    final int sqFlags;
    final int sqArray;
    final int cqHead;
    final int cqTail;
    final int cqRingMask;
    final int cqes;

    private IoUringParams(MemorySegment p) {
        sqEntries = p.get(JAVA_INT, SQ_ENTRIES);
        cqEntries = p.get(JAVA_INT, CQ_ENTRIES);
        features = p.get(JAVA_INT, FEATURES);
        sqHead = p.get(JAVA_INT, SQ_OFF + OFF_HEAD);
        sqTail = p.get(JAVA_INT, SQ_OFF + OFF_TAIL);
        sqRingMask = p.get(JAVA_INT, SQ_OFF + OFF_RING_MASK);
        sqFlags = p.get(JAVA_INT, SQ_OFF + SQ_OFF_FLAGS);
        sqArray = p.get(JAVA_INT, SQ_OFF + SQ_OFF_ARRAY);
        cqHead = p.get(JAVA_INT, CQ_OFF + OFF_HEAD);
        cqTail = p.get(JAVA_INT, CQ_OFF + OFF_TAIL);
        cqRingMask = p.get(JAVA_INT, CQ_OFF + OFF_RING_MASK);
        cqes = p.get(JAVA_INT, CQ_OFF + CQ_OFF_CQES);
    }

    /**
     * A zeroed parameter block asking for {@code flags}. {@code sq_thread_idle} stays 0, which the kernel
     * takes as one second for an SQPOLL thread.
     */
    static MemorySegment request(Arena arena, int flags) {
        MemorySegment p = arena.allocate(SIZE, 8);
        p.set(JAVA_INT, FLAGS, flags);
        return p;
    }

    /** Reads what io_uring_setup wrote into {@code p}. */
    static IoUringParams read(MemorySegment p) {
        return new IoUringParams(p);
    }

    /** Bytes to map for the submission ring: up to the end of its index array. */
    long sqRingSize() {
        return sqArray + (long) sqEntries * Integer.BYTES;
    }

    /** Bytes to map for the completion ring: up to the end of its entries. */
    long cqRingSize() {
        return cqes + (long) cqEntries * CompletionQueue.CQE_SIZE;
    }

    boolean singleMmap() {
        return (features & IoUringConstants.IORING_FEAT_SINGLE_MMAP) != 0;
    }
}
