package io.ferry.file.engine;

import io.ferry.internal.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The registered buffers of one ring: a sparse table created empty with IORING_REGISTER_BUFFERS2
 * and IORING_RSRC_REGISTER_SPARSE, whose slots are filled and emptied one at a time with
 * IORING_REGISTER_BUFFERS_UPDATE (opcodes, {@code struct io_uring_rsrc_register},
 * {@code struct io_uring_rsrc_update2} and {@code struct iovec} from include/uapi/linux/io_uring.h).
 * Slot {@code n} holds the backend's buffer {@code n}, so an operation names it without a lookup.
 *
 * <p>Registering pins the pages and, for users without CAP_IPC_LOCK, counts them against
 * RLIMIT_MEMLOCK. It is an optimization only: a buffer the kernel refuses (limit, memory it
 * cannot pin such as a shared mapping of a regular file), one larger than the kernel's 1 GiB per
 * buffer, or one whose number is beyond the table is counted in {@link #refused()}, logged at
 * DEBUG, and its I/O uses plain READ/WRITE. Owned by the queue's thread.
 */
final class FixedBuffers {
    private static final System.Logger LOG = System.getLogger(FixedBuffers.class.getName());

    static final int DEFAULT_SLOTS = 1024;
    /** The kernel refuses a larger registered buffer (io_buffer_validate: SZ_1G). */
    static final long MAX_BUFFER_BYTES = 1L << 30;
    private static final int IORING_UNREGISTER_BUFFERS = 1;
    private static final int IORING_REGISTER_BUFFERS2 = 15;
    private static final int IORING_REGISTER_BUFFERS_UPDATE = 16;
    private static final int IORING_RSRC_REGISTER_SPARSE = 1;
    /** {@code struct io_uring_rsrc_register}: nr, flags, resv2, data, tags. */
    private static final long REGISTER_NR = 0;
    private static final long REGISTER_FLAGS = 4;
    private static final int REGISTER_SIZE = 32;
    /** {@code struct io_uring_rsrc_update2}: offset, resv, data, tags, nr, resv2. */
    private static final long UPDATE_OFFSET = 0;
    private static final long UPDATE_DATA = 8;
    private static final long UPDATE_NR = 24;
    private static final int UPDATE_SIZE = 32;
    /** {@code struct iovec}: iov_base, iov_len. */
    private static final long IOV_BASE = 0;
    private static final long IOV_LEN = 8;
    private static final long IOV_SIZE = 16;

    private final int ringFd;
    private final MemorySegment errno;
    private final MemorySegment update;
    private final MemorySegment iovec;
    /** Registered range of each slot; an empty slot has end 0, which no operation fits into. */
    private final long[] start;
    private final long[] end;
    /** Why the table could not be created, or null. */
    private final String unavailable;
    private int used;
    private long refused;
    private String lastRefusal = "";

    FixedBuffers(int ringFd, Arena arena, MemorySegment errno, int slots) {
        this.ringFd = ringFd;
        this.errno = errno;
        this.update = arena.allocate(UPDATE_SIZE, 8);
        this.iovec = arena.allocate(IOV_SIZE, 8);
        MemorySegment register = arena.allocate(REGISTER_SIZE, 8);
        register.set(JAVA_INT, REGISTER_NR, slots);
        register.set(JAVA_INT, REGISTER_FLAGS, IORING_RSRC_REGISTER_SPARSE);
        int result = slots == 0 ? 0
                : IoUringSyscalls.register(errno, ringFd, IORING_REGISTER_BUFFERS2, register.address(), REGISTER_SIZE);
        unavailable = slots == 0 ? "the table has no slots" : result < 0
                ? "IORING_REGISTER_BUFFERS2 (sparse, Linux 5.19) failed with " + Errno.name(-result) : null;
        int usable = unavailable == null ? slots : 0;
        start = new long[usable];
        end = new long[usable];
    }

    /** {@code buffer} if it is registered and holds {@code [address, address + length)}, else -1. */
    int slotOf(int buffer, long address, int length) {
        return buffer >= 0 && buffer < end.length && address >= start[buffer] && address + length <= end[buffer]
                ? buffer : -1;
    }

    /** Registers {@code buffer} in its slot if the kernel takes it; otherwise its I/O stays on the plain path. */
    void add(int buffer, long address, long length) {
        if (length == 0) {
            return;
        }
        String refusal;
        if (unavailable != null) {
            refusal = unavailable;
        } else if (buffer < 0 || buffer >= end.length) {
            refusal = "the table has " + end.length + " slots";
        } else if (length > MAX_BUFFER_BYTES) {
            refusal = "the kernel registers at most 1 GiB per buffer";
        } else {
            int result = set(buffer, address, length);
            if (result == 1) {
                start[buffer] = address;
                end[buffer] = address + length;
                used++;
                return;
            }
            refusal = "IORING_REGISTER_BUFFERS_UPDATE failed with " + Errno.name(-result)
                    + (-result == Errno.ENOMEM ? " (RLIMIT_MEMLOCK too low?)" : "");
        }
        refused++;
        lastRefusal = refusal;
        LOG.log(System.Logger.Level.DEBUG, () -> "io_uring ring fd " + ringFd + ": buffer " + buffer + " (" + length
                + " bytes) is not registered, its I/O uses plain READ/WRITE: " + refusal);
    }

    /** Empties the slot of {@code buffer}: the kernel unpins its pages now (nothing in flight uses them). */
    void remove(int buffer) {
        if (buffer < 0 || buffer >= end.length || end[buffer] == 0) {
            return;
        }
        int result = set(buffer, 0, 0);
        if (result != 1) {
            LOG.log(System.Logger.Level.WARNING, () -> "io_uring ring fd " + ringFd + ": buffer " + buffer
                    + " could not be unregistered (" + Errno.name(-result) + "); it stays pinned until the queue closes");
        }
        start[buffer] = 0;
        end[buffer] = 0;
        used--;
    }

    /** Unregisters every buffer now, rather than when the kernel tears the ring down after its close. */
    void close() {
        if (used > 0) {
            IoUringSyscalls.register(errno, ringFd, IORING_UNREGISTER_BUFFERS, 0L, 0);
            used = 0;
        }
    }

    /** Buffers registered now. */
    int used() {
        return used;
    }

    /** Why the last buffer that could not be registered was refused, or empty. */
    String lastRefusal() {
        return lastRefusal;
    }

    /** Buffers that could not be registered so far. */
    long refused() {
        return refused;
    }

    private int set(int slot, long address, long length) {
        iovec.set(JAVA_LONG, IOV_BASE, address);
        iovec.set(JAVA_LONG, IOV_LEN, length);
        update.set(JAVA_INT, UPDATE_OFFSET, slot);
        update.set(JAVA_LONG, UPDATE_DATA, iovec.address());
        update.set(JAVA_INT, UPDATE_NR, 1);
        return IoUringSyscalls.register(errno, ringFd, IORING_REGISTER_BUFFERS_UPDATE, update.address(), UPDATE_SIZE);
    }
}
