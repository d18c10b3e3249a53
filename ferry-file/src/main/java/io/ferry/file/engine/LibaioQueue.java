package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * One Linux AIO context. Everything the kernel reads or writes is preallocated native memory,
 * reused for the life of the queue: {@code capacity} iocbs, a ring of iocb pointers in submission
 * order, the io_event batch and a zero timeout.
 *
 * <p>The kernel completes operations in any order, so an iocb slot comes from a free stack and
 * returns to it only when its completion has been reaped (the kernel reports the iocb's address in
 * {@code io_event.obj}). The submission order lives in a power-of-two ring of pointers,
 * {@code [submitted, tail)} being enqueued and not yet taken; the ring is written twice (at
 * {@code i} and {@code i + ring}) so that this range is always one contiguous array for io_submit.
 *
 * <p>io_submit may take fewer iocbs than offered: on {@code EAGAIN} the rest stay enqueued; on
 * another error the kernel names the first iocb it refused, which is then completed with that
 * negated errno on the next {@link #reap} and counted as taken, and submission goes on.
 *
 * <p>io_getevents fails only when the context itself is lost (EINTR aside). Then every operation
 * still in the kernel, and every one enqueued later, completes with that errno: nothing stays in
 * flight for ever, and no further I/O is issued through this queue. The kernel may still finish
 * what it holds; io_destroy at close waits for it. Owned by one thread; nothing is allocated or
 * thrown after construction.
 */
final class LibaioQueue implements IoQueue {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = LibC.newErrnoState(arena);
    private final int capacity;
    private final int ring;
    private final int mask;
    private final int batch;
    private final MemorySegment iocbs;
    private final long iocbBase;
    private final MemorySegment pending;
    private final long pendingBase;
    private final long eventsBase;
    private final MemorySegment events;
    private final long timeoutAddress;
    private final MemorySegment scratch = arena.allocate(Long.BYTES, Long.BYTES);
    /** The eventfd each completion signals once {@link #readyFd()} was asked for; -1 before. */
    private int readyFd = -1;
    private final long context;
    private final int[] freeSlots;
    private int freeCount;
    private final int[] refusedSlots;
    private final int[] refusedErrno;
    private int refusedCount;
    private long submitted;
    private long tail;
    private int inKernel;
    /** Per iocb slot: handed to the kernel and not yet reaped. */
    private final boolean[] slotInKernel;
    /** The errno that lost the context, or 0 while it works. */
    private int lostContext;
    /** The context io_getevents and io_submit use: this queue's, or another for a test that makes them fail. */
    private long callContext;
    private boolean closed;

    /**
     * @param capacity    operations outstanding at once; also the size of the kernel context
     * @param eventsBatch the most completions one {@link #reap} takes from the kernel
     */
    LibaioQueue(int capacity, int eventsBatch) {
        if (capacity < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "queue depth must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        ring = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        mask = ring - 1;
        batch = Math.min(eventsBatch, capacity);
        iocbs = arena.allocate(capacity * AioAbi.IOCB_SIZE, AioAbi.IOCB_SIZE);
        iocbBase = iocbs.address();
        pending = arena.allocate(2L * ring * Long.BYTES, Long.BYTES);
        pendingBase = pending.address();
        events = arena.allocate(batch * AioAbi.IO_EVENT_SIZE, Long.BYTES);
        eventsBase = events.address();
        timeoutAddress = arena.allocate(AioAbi.TIMESPEC_SIZE, Long.BYTES).address();
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        refusedSlots = new int[capacity];
        refusedErrno = new int[capacity];
        slotInKernel = new boolean[capacity];
        context = setup(capacity);
        callContext = context;
    }

    /** Makes io_submit and io_getevents use {@code other} instead of this queue's context (a test seam); 0 restores. */
    void callThroughForTest(long other) {
        callContext = other == 0 ? context : other;
    }

    private long setup(int events) {
        MemorySegment contextHolder = arena.allocate(AioAbi.CONTEXT_SIZE, AioAbi.CONTEXT_SIZE);
        long result = AioSyscalls.ioSetup(errno, events, contextHolder.address());
        if (result < 0) {
            arena.close();
            int error = (int) -result;
            throw new FerryException(ErrorCode.IO_ERROR, LibaioProbe.explainSetup(error, events), error, null);
        }
        return contextHolder.get(JAVA_LONG, 0);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, long userData) {
        if (freeCount == 0) {
            return false;
        }
        int slot = freeSlots[--freeCount];
        long iocb = slot * AioAbi.IOCB_SIZE;
        iocbs.set(JAVA_LONG, iocb + AioAbi.IOCB_DATA, userData);
        iocbs.set(JAVA_SHORT, iocb + AioAbi.IOCB_LIO_OPCODE, opcode == READ ? AioAbi.IOCB_CMD_PREAD : AioAbi.IOCB_CMD_PWRITE);
        iocbs.set(JAVA_INT, iocb + AioAbi.IOCB_FILDES, fd);
        iocbs.set(JAVA_LONG, iocb + AioAbi.IOCB_BUF, address);
        iocbs.set(JAVA_LONG, iocb + AioAbi.IOCB_NBYTES, length);
        iocbs.set(JAVA_LONG, iocb + AioAbi.IOCB_OFFSET, fileOffset);
        iocbs.set(JAVA_INT, iocb + AioAbi.IOCB_FLAGS, readyFd < 0 ? 0 : AioAbi.IOCB_FLAG_RESFD);
        iocbs.set(JAVA_INT, iocb + AioAbi.IOCB_RESFD, Math.max(readyFd, 0));
        int position = (int) tail & mask;
        pending.setAtIndex(JAVA_LONG, position, iocbBase + iocb);
        pending.setAtIndex(JAVA_LONG, position + ring, iocbBase + iocb);
        tail++;
        return true;
    }

    @Override
    public int submit() {
        int taken = 0;
        while (submitted < tail) {
            int position = (int) submitted & mask;
            if (lostContext != 0) {
                refuse(position, lostContext);
                taken++;
                continue;
            }
            long result = AioSyscalls.ioSubmit(errno, callContext, tail - submitted, pendingBase + position * (long) Long.BYTES);
            if (result > 0) {
                for (long i = submitted; i < submitted + result; i++) {
                    slotInKernel[slotOf(pending.getAtIndex(JAVA_LONG, (int) i & mask))] = true;
                }
                submitted += result;
                inKernel += (int) result;
                taken += (int) result;
            } else if (result == 0 || result == -Errno.EAGAIN) {
                break;
            } else {
                refuse(position, (int) -result);
                taken++;
            }
        }
        return taken;
    }

    /** The iocb at {@code position} will not be submitted: it completes with {@code errnoValue} at the next reap. */
    private void refuse(int position, int errnoValue) {
        refusedSlots[refusedCount] = slotOf(pending.getAtIndex(JAVA_LONG, position));
        refusedErrno[refusedCount++] = errnoValue;
        submitted++;
    }

    @Override
    public int reap(CompletionHandler handler) {
        int count = 0;
        for (; count < refusedCount; count++) {
            int slot = refusedSlots[count];
            freeSlots[freeCount++] = slot;
            handler.complete(iocbs.get(JAVA_LONG, slot * AioAbi.IOCB_SIZE + AioAbi.IOCB_DATA), -refusedErrno[count]);
        }
        refusedCount = 0;
        if (inKernel == 0) {
            return count;
        }
        if (readyFd >= 0) {
            // Before io_getevents: a completion after it signals the eventfd anew, so a waiter never sleeps past it.
            Epoll.drain(errno, readyFd, scratch);
        }
        long ready = AioSyscalls.ioGetevents(errno, callContext, 0, batch, eventsBase, timeoutAddress);
        if (ready < 0) {
            return ready == -Errno.EINTR ? count : count + loseContext((int) -ready, handler);
        }
        for (int i = 0; i < ready; i++) {
            long event = i * AioAbi.IO_EVENT_SIZE;
            long userData = events.get(JAVA_LONG, event + AioAbi.IO_EVENT_DATA);
            long result = events.get(JAVA_LONG, event + AioAbi.IO_EVENT_RES);
            int slot = slotOf(events.get(JAVA_LONG, event + AioAbi.IO_EVENT_OBJ));
            slotInKernel[slot] = false;
            freeSlots[freeCount++] = slot;
            inKernel--;
            handler.complete(userData, result);
        }
        return count + (int) ready;
    }

    /**
     * An eventfd, made on first request, that every operation enqueued from then on signals when it
     * completes (IOCB_FLAG_RESFD); -1 when none can be made (the queue is then polled, as before).
     */
    @Override
    public int readyFd() {
        if (readyFd < 0 && !closed) {
            int fd = Epoll.eventfd(errno);
            readyFd = fd >= 0 ? fd : -1;
        }
        return readyFd;
    }

    /** The context is lost: fails every operation in the kernel with {@code errnoValue}, and every later one. */
    private int loseContext(int errnoValue, CompletionHandler handler) {
        lostContext = errnoValue;
        int failed = 0;
        for (int slot = 0; slot < capacity; slot++) {
            if (slotInKernel[slot]) {
                slotInKernel[slot] = false;
                freeSlots[freeCount++] = slot;
                inKernel--;
                failed++;
                handler.complete(iocbs.get(JAVA_LONG, slot * AioAbi.IOCB_SIZE + AioAbi.IOCB_DATA), -errnoValue);
            }
        }
        return failed;
    }

    private int slotOf(long iocbAddress) {
        return (int) ((iocbAddress - iocbBase) / AioAbi.IOCB_SIZE);
    }

    /**
     * Destroys the kernel context (io_destroy waits for anything still in flight, so the memory it
     * writes stays valid until then) and frees the native memory. io_destroy can only fail for a
     * context that is not this process's, which this queue never holds.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AioSyscalls.ioDestroy(errno, context);
        if (readyFd >= 0) {
            LibC.close(errno, readyFd);
        }
        arena.close();
    }
}
