package io.ferry.file.engine;

import io.ferry.internal.linux.LibC;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;
import io.ferry.spi.RegisteredIo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.LongConsumer;

/**
 * An {@link IoQueue} over one io_uring. {@link #enqueue} writes a submission entry, {@link #submit()}
 * publishes the tail and makes one io_uring_enter (none with SQPOLL while its thread is awake), and
 * {@link #reap} walks the completion ring in memory. The ring has at least {@code capacity} entries
 * and the completion ring at least as many, so no operation can wait for a submission slot and no
 * completion can overflow; an overflow is still flushed should the kernel report one.
 */
final class IoUringQueue implements IoQueue {
    private static final int EBUSY = 16;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = LibC.newErrnoState(arena);
    private final IoUringRing ring;
    private final SubmissionQueue sq;
    private final CompletionQueue cq;
    private final FixedFiles files;
    private final FixedBuffers buffers;
    private final boolean sqpoll;
    private final int capacity;
    /** Enqueued and not yet reaped. */
    private int outstanding;
    /** Enqueued and not yet consumed by the kernel. */
    private int unsubmitted;
    /** Put in the ring and not yet reaped: with none, a reap need not look at the completion ring. */
    private int inRing;
    /** Operations issued as READ_FIXED/WRITE_FIXED; for tests and diagnostics. */
    private long fixedOperations;
    /** Operations on memory the agent had not registered (buffer -1: not registered, or bounced). */
    private long unregisteredMemoryOperations;
    /** Operations on registered memory that the ring's table does not hold. */
    private long refusedBufferOperations;
    private long fixedFileOperations;
    private long plainFileOperations;
    /** Operations a failed io_uring_enter could not submit, completed with its errno at the next reap. */
    private final FailedOperations failed;
    private int failedErrno;
    private final LongConsumer failTaken;
    /** The descriptor io_uring_enter is called on: the ring's, or another for a test that makes the call fail. */
    private int enterFd;

    IoUringQueue(int depth, boolean sqpoll) {
        this(depth, sqpoll, FixedBuffers.DEFAULT_SLOTS);
    }

    /** A queue whose registered-buffer table has {@code bufferSlots} slots (0: no table). */
    IoUringQueue(int depth, boolean sqpoll, int bufferSlots) {
        if (depth < 1) {
            arena.close();
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "queue depth must be at least 1: " + depth);
        }
        int entries = Math.min(depth == 1 ? 1 : Integer.highestOneBit(depth - 1) << 1, IoUringConstants.MAX_ENTRIES);
        try {
            ring = IoUringRing.open(errno, entries, sqpoll ? IoUringConstants.IORING_SETUP_SQPOLL : 0);
        } catch (FerryException e) {
            arena.close();
            throw e;
        }
        this.sqpoll = sqpoll;
        sq = new SubmissionQueue(ring.sqRing, ring.sqes, ring.params);
        cq = new CompletionQueue(ring.cqRing, ring.params);
        files = new FixedFiles(ring.fd, arena, errno);
        buffers = new FixedBuffers(ring.fd, arena, errno, bufferSlots);
        capacity = Math.min(depth, Math.min(ring.params.sqEntries, ring.params.cqEntries));
        failed = new FailedOperations(capacity);
        failTaken = userData -> failed.add(userData, failedErrno);
        enterFd = ring.fd;
    }

    /** Makes io_uring_enter use {@code fd} instead of the ring's (a test seam for a failing system call); -1 restores. */
    void enterThroughForTest(int fd) {
        enterFd = fd < 0 ? ring.fd : fd;
    }

    @Override
    public void fileOpened(int fd) {
        files.add(fd);
    }

    @Override
    public void fileClosing(int fd) {
        files.remove(fd);
    }

    /** Files registered in the ring's table; for tests. */
    int registeredFiles() {
        return files.used();
    }

    @Override
    public void bufferRegistered(int buffer, long address, long length) {
        buffers.add(buffer, address, length);
    }

    @Override
    public void bufferDeregistering(int buffer) {
        buffers.remove(buffer);
    }

    /** Buffers registered in the ring's table; for tests. */
    int registeredBuffers() {
        return buffers.used();
    }

    /** Buffers the kernel or the table refused, whose I/O uses the plain opcodes; for tests. */
    long refusedBuffers() {
        return buffers.refused();
    }

    /** Operations issued as READ_FIXED/WRITE_FIXED so far; for tests. */
    long fixedOperations() {
        return fixedOperations;
    }

    @Override
    public RegisteredIo registeredIo() {
        return new RegisteredIo(fixedOperations, unregisteredMemoryOperations, refusedBufferOperations, 0,
                fixedFileOperations, plainFileOperations, buffers.lastRefusal());
    }

    /** The ring's file descriptor; for tests that read /proc/self/fdinfo. */
    int ringFd() {
        return ring.fd;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, long userData) {
        return enqueue(opcode, fd, fileOffset, address, length, -1, userData);
    }

    /** Writes an entry; a registered buffer that holds the memory makes it READ_FIXED/WRITE_FIXED. */
    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, int buffer, long userData) {
        if (outstanding == capacity) {
            return false;
        }
        int slot = files.slotOf(fd);
        int fixed = buffers.slotOf(buffer, address, length);
        byte op;
        if (fixed < 0) {
            op = opcode == READ ? IoUringConstants.IORING_OP_READ : IoUringConstants.IORING_OP_WRITE;
            if (buffer < 0) {
                unregisteredMemoryOperations++;
            } else {
                refusedBufferOperations++;
            }
        } else {
            op = opcode == READ ? IoUringConstants.IORING_OP_READ_FIXED : IoUringConstants.IORING_OP_WRITE_FIXED;
            fixedOperations++;
        }
        if (slot >= 0) {
            fixedFileOperations++;
        } else {
            plainFileOperations++;
        }
        sq.put(op, slot >= 0 ? IoUringConstants.IOSQE_FIXED_FILE : 0, slot >= 0 ? slot : fd,
                fileOffset, address, length, Math.max(fixed, 0), userData);
        unsubmitted++;
        inRing++;
        outstanding++;
        return true;
    }
    @Override
    public int submit() {
        if (unsubmitted == 0) {
            return 0;
        }
        sq.publish();
        return sqpoll ? submitPolled() : submitEntered();
    }

    /** One io_uring_enter; the kernel may consume fewer entries than offered, the rest stay in the ring. */
    private int submitEntered() {
        int taken = IoUringSyscalls.enter(errno, enterFd, unsubmitted, 0, 0);
        if (taken < 0) {
            return refused(-taken);
        }
        unsubmitted -= taken;
        return taken;
    }

    /** The SQPOLL thread consumes the ring by itself; wake it if it sleeps, and count what it took so far. */
    private int submitPolled() {
        if ((sq.flagsAfterPublish() & IoUringConstants.IORING_SQ_NEED_WAKEUP) != 0) {
            int woken = IoUringSyscalls.enter(errno, enterFd, 0, 0, IoUringConstants.IORING_ENTER_SQ_WAKEUP);
            if (woken < 0 && !isTransient(-woken)) {
                // Entries may already be in the kernel's hands: the wake-up is tried again at the next submit.
                return 0;
            }
        }
        int left = sq.pending();
        int taken = unsubmitted - left;
        unsubmitted = left;
        return taken;
    }

    /**
     * EAGAIN, EBUSY (completions must be reaped first) and EINTR mean "nothing taken, try again".
     * Any other error took nothing either: the entries are taken back from the ring and complete
     * with that errno at the next reap, counted as taken.
     */
    private int refused(int errnoValue) {
        if (isTransient(errnoValue)) {
            return 0;
        }
        int count = unsubmitted;
        failedErrno = errnoValue;
        sq.takeBack(count, failTaken);
        unsubmitted = 0;
        inRing -= count;
        return count;
    }

    private static boolean isTransient(int errnoValue) {
        return errnoValue == Errno.EAGAIN || errnoValue == EBUSY || errnoValue == Errno.EINTR;
    }

    /** The ring's descriptor: io_uring polls it readable while its completion ring holds entries. */
    @Override
    public int readyFd() {
        return ring.fd;
    }

    @Override
    public int reap(CompletionHandler handler) {
        int count = failed.drain(handler);
        if (inRing > 0) {
            int reaped = cq.drain(handler);
            if ((sq.flags() & IoUringConstants.IORING_SQ_CQ_OVERFLOW) != 0) {
                // Move the overflowed completions into the room just drained; should this fail, the flag stays
                // set and the next reap tries again.
                IoUringSyscalls.enter(errno, enterFd, 0, 0, IoUringConstants.IORING_ENTER_GETEVENTS);
                reaped += cq.drain(handler);
            }
            inRing -= reaped;
            count += reaped;
        }
        outstanding -= count;
        return count;
    }
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            buffers.close();
            ring.close();
            arena.close();
        }
    }
}
