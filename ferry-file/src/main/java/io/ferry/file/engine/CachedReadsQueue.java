package io.ferry.file.engine;

import io.ferry.internal.linux.CFunction;
import io.ferry.internal.linux.LibC;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;
import io.ferry.spi.RegisteredIo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A policy in front of an engine's queue: reads of buffered (not O_DIRECT) files are first tried at
 * submit with {@code preadv2(RWF_NOWAIT)}, when at most {@value #MAX_BATCH} wait. Data already in
 * the page cache is copied at once, as {@code pread} would, without the engine's per-request work,
 * which on a cached 4 KiB read costs io_uring more than the copy. A read that would wait for the
 * device ({@code EAGAIN}), every write and every larger batch go to the inner queue, so nothing
 * ever blocks. Owned by the queue's thread; nothing is allocated per operation.
 */
final class CachedReadsQueue implements IoQueue {
    /** {@code RWF_NOWAIT} of linux/fs.h: fail with EAGAIN instead of waiting for data. */
    private static final int RWF_NOWAIT = 0x08;
    private static final int F_GETFL = 3;
    private static final int EAGAIN = 11;
    private static final int EOPNOTSUPP = 95;
    private static final long IOVEC_BYTES = 16;
    /** Held reads tried one by one at most; measured: 1 read is a third faster than the ring, 32 slower. */
    private static final int MAX_BATCH = 2;
    private static final Optional<CFunction> PREADV2 = CFunction.optionalReturningLong("preadv2");
    private static final CFunction FCNTL = CFunction.variadicReturningInt("fcntl");

    private final IoQueue inner;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno;
    private final MemorySegment iovec;
    private final int[] heldFd;
    private final long[] heldOffset;
    private final long[] heldAddress;
    private final int[] heldLength;
    private final int[] heldBuffer;
    private final long[] heldUserData;
    private final long[] doneUserData;
    private final long[] doneResult;
    private long[] bufferedFds = new long[1];
    private boolean enabled = PREADV2.isPresent();
    private int held;
    private int done;
    /** Enqueued here and not yet reaped, held or passed on: at most the inner queue's capacity. */
    private int outstanding;
    private long inlineReads;

    CachedReadsQueue(IoQueue inner) {
        this.inner = inner;
        int capacity = inner.capacity();
        this.errno = LibC.newErrnoState(arena);
        this.iovec = arena.allocate(IOVEC_BYTES, 8);
        heldFd = new int[capacity];
        heldOffset = new long[capacity];
        heldAddress = new long[capacity];
        heldLength = new int[capacity];
        heldBuffer = new int[capacity];
        heldUserData = new long[capacity];
        doneUserData = new long[capacity];
        doneResult = new long[capacity];
    }

    @Override
    public int capacity() {
        return inner.capacity();
    }

    /** The inner queue's: reads copied at submit are reaped by the same cycle, which did work. */
    @Override
    public int readyFd() {
        return inner.readyFd();
    }

    /** The queue the other operations go to; for tests. */
    IoQueue inner() {
        return inner;
    }

    /** Remembers whether {@code fd} is buffered: only buffered files are read this way. */
    @Override
    public void fileOpened(int fd) {
        inner.fileOpened(fd);
        if (!enabled || fd < 0) {
            return;
        }
        int flags = fcntlGetFlags(fd);
        if (flags >= 0 && (flags & LibC.O_DIRECT) == 0) {
            if (fd / 64 >= bufferedFds.length) {
                bufferedFds = Arrays.copyOf(bufferedFds, Math.max(fd / 64 + 1, bufferedFds.length * 2));
            }
            bufferedFds[fd / 64] |= 1L << fd;
        }
    }

    @Override
    public void fileClosing(int fd) {
        if (fd >= 0 && fd / 64 < bufferedFds.length) {
            bufferedFds[fd / 64] &= ~(1L << fd);
        }
        inner.fileClosing(fd);
    }

    @Override
    public void bufferRegistered(int buffer, long address, long length) {
        inner.bufferRegistered(buffer, address, length);
    }

    @Override
    public void bufferDeregistering(int buffer) {
        inner.bufferDeregistering(buffer);
    }

    /** Whether a read of {@code fd} is tried from the page cache first. */
    private boolean accepts(int fd) {
        return enabled && fd >= 0 && fd / 64 < bufferedFds.length && (bufferedFds[fd / 64] & (1L << fd)) != 0;
    }

    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, long userData) {
        return enqueue(opcode, fd, fileOffset, address, length, -1, userData);
    }

    /** A read of a buffered file is held for {@link #submit()}; anything else goes to the inner queue. */
    @Override
    public boolean enqueue(int opcode, int fd, long fileOffset, long address, int length, int buffer, long userData) {
        if (outstanding == inner.capacity()) {
            return false;
        }
        if (opcode == READ && accepts(fd)) {
            hold(fd, fileOffset, address, length, buffer, userData);
        } else if (!inner.enqueue(opcode, fd, fileOffset, address, length, buffer, userData)) {
            return false;
        }
        outstanding++;
        return true;
    }

    private void hold(int fd, long fileOffset, long address, int length, int buffer, long userData) {
        heldFd[held] = fd;
        heldOffset[held] = fileOffset;
        heldAddress[held] = address;
        heldLength[held] = length;
        heldBuffer[held] = buffer;
        heldUserData[held] = userData;
        held++;
    }

    /**
     * Tries the held reads when they are few; those not served from the cache go to the inner queue.
     * A larger batch goes there whole: one system call then serves all of its cached reads, which
     * beats one call per read. Returns the reads served here and those the inner queue took.
     */
    @Override
    public int submit() {
        return serveHeld() + inner.submit();
    }

    private int serveHeld() {
        boolean tryCache = enabled && held <= MAX_BATCH;
        int served = 0;
        for (int i = 0; i < held; i++) {
            long result = tryCache ? readNow(heldFd[i], heldOffset[i], heldAddress[i], heldLength[i]) : -EAGAIN;
            if (result == -EOPNOTSUPP) {
                enabled = false; // the file system cannot say "would block": use the ring from now on
            }
            if (result == -EAGAIN || result == -EOPNOTSUPP) {
                // Room is certain: held reads were counted against the inner queue's capacity.
                inner.enqueue(READ, heldFd[i], heldOffset[i], heldAddress[i], heldLength[i], heldBuffer[i], heldUserData[i]);
            } else {
                doneUserData[done] = heldUserData[i];
                doneResult[done] = result;
                done++;
                served++;
            }
        }
        held = 0;
        inlineReads += served;
        return served;
    }

    /** Delivers the reads served from the cache, then what the inner queue completed. */
    @Override
    public int reap(CompletionHandler handler) {
        int count = done;
        done = 0;
        for (int i = 0; i < count; i++) {
            handler.complete(doneUserData[i], doneResult[i]);
        }
        count += inner.reap(handler);
        outstanding -= count;
        return count;
    }

    @Override
    public void close() {
        inner.close();
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** The ring's counts, and the reads served here from the page cache. */
    @Override
    public RegisteredIo registeredIo() {
        RegisteredIo ring = inner.registeredIo();
        return new RegisteredIo(ring.fixedBufferIos(), ring.unregisteredMemoryIos(), ring.refusedBufferIos(),
                ring.cachedInlineIos() + inlineReads, ring.fixedFileIos(), ring.plainFileIos(), ring.bufferRefusal());
    }

    /** Reads served from the page cache so far; for tests. */
    long inlineReads() {
        return inlineReads;
    }

    private long readNow(int fd, long fileOffset, long address, int length) {
        iovec.set(JAVA_LONG, 0, address);
        iovec.set(JAVA_LONG, 8, length);
        return PREADV2.get().call(errno, fd, iovec.address(), 1, fileOffset, RWF_NOWAIT, 0);
    }

    private int fcntlGetFlags(int fd) {
        return (int) FCNTL.call(errno, fd, F_GETFL, 0, 0, 0, 0);
    }
}
