package io.ferry.file.engine;

import io.ferry.internal.linux.LibC;
import io.ferry.spi.CompletionHandler;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Reads of buffered (not O_DIRECT) files that the io_uring queue first tries at submit with
 * {@code preadv2(RWF_NOWAIT)}: data already in the page cache is copied at once, as {@code pread}
 * would, without the ring's per-request work, which on a cached 4 KiB read costs more than the
 * copy. A read that would wait for the device ({@code EAGAIN}) goes to the ring as usual, so
 * nothing ever blocks. Owned by the queue's thread.
 */
final class CachedReads {
    /** {@code RWF_NOWAIT} of linux/fs.h: fail with EAGAIN instead of waiting for data. */
    private static final int RWF_NOWAIT = 0x08;
    private static final int F_GETFL = 3;
    private static final int EAGAIN = 11;
    private static final int EOPNOTSUPP = 95;
    private static final long IOVEC_BYTES = 16;
    /** Held reads tried one by one at most; measured: 1 read is a third faster than the ring, 32 slower. */
    private static final int MAX_BATCH = 2;
    private static final Optional<MethodHandle> PREADV2 = LibC.optionalDowncall("preadv2",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final Optional<MethodHandle> FCNTL = LibC.optionalDowncall("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));

    /** Where a read that found no cached data goes instead: the ring. */
    @FunctionalInterface
    interface Ring {
        void enqueue(int fd, long fileOffset, long address, int length, int buffer, long userData);
    }

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
    private boolean enabled = PREADV2.isPresent() && FCNTL.isPresent();
    private int held;
    private int done;
    private long inlineReads;

    CachedReads(int capacity, Arena arena, MemorySegment errno) {
        this.errno = errno;
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

    /** Remembers whether {@code fd} is buffered: only buffered files are read this way. */
    void fileOpened(int fd) {
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

    void fileClosing(int fd) {
        if (fd >= 0 && fd / 64 < bufferedFds.length) {
            bufferedFds[fd / 64] &= ~(1L << fd);
        }
    }

    /** Whether a read of {@code fd} is tried from the page cache first. */
    boolean accepts(int fd) {
        return enabled && fd >= 0 && fd / 64 < bufferedFds.length && (bufferedFds[fd / 64] & (1L << fd)) != 0;
    }

    /** Holds a read for the next {@link #submit}; the caller counted it as outstanding. */
    void hold(int fd, long fileOffset, long address, int length, int buffer, long userData) {
        heldFd[held] = fd;
        heldOffset[held] = fileOffset;
        heldAddress[held] = address;
        heldLength[held] = length;
        heldBuffer[held] = buffer;
        heldUserData[held] = userData;
        held++;
    }

    /**
     * Tries the held reads when they are few; those not served from the cache go to {@code ring}.
     * A larger batch goes to the ring whole: one system call then serves all of its cached reads,
     * which beats one call per read. Returns the reads served here.
     */
    int submit(Ring ring) {
        boolean tryCache = enabled && held <= MAX_BATCH;
        int served = 0;
        for (int i = 0; i < held; i++) {
            long result = tryCache ? readNow(heldFd[i], heldOffset[i], heldAddress[i], heldLength[i]) : -EAGAIN;
            if (result == -EOPNOTSUPP) {
                enabled = false; // the file system cannot say "would block": use the ring from now on
            }
            if (result == -EAGAIN || result == -EOPNOTSUPP) {
                ring.enqueue(heldFd[i], heldOffset[i], heldAddress[i], heldLength[i], heldBuffer[i], heldUserData[i]);
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

    /** Delivers the reads served from the cache. */
    int reap(CompletionHandler handler) {
        int count = done;
        done = 0;
        for (int i = 0; i < count; i++) {
            handler.complete(doneUserData[i], doneResult[i]);
        }
        return count;
    }

    /** Reads served from the page cache so far; for tests. */
    long inlineReads() {
        return inlineReads;
    }

    private long readNow(int fd, long fileOffset, long address, int length) {
        iovec.set(JAVA_LONG, 0, address);
        iovec.set(JAVA_LONG, 8, length);
        try {
            long result = (long) PREADV2.get().invokeExact(errno, fd, iovec, 1, fileOffset, RWF_NOWAIT);
            return result >= 0 ? result : -LibC.errno(errno);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }

    private int fcntlGetFlags(int fd) {
        try {
            int flags = (int) FCNTL.get().invokeExact(errno, fd, F_GETFL);
            return flags >= 0 ? flags : -LibC.errno(errno);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
    }
}
