package io.ferry.spi;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A fixed set of native buffers, each aligned to {@link Memory#DEFAULT_ALIGNMENT}, that stand between memory an engine cannot use directly
 * (heap arrays, unaligned slices) and the engine. The pool never grows: when every buffer is taken,
 * {@link #acquire()} returns -1 and the caller waits for a release. The buffers are allocated at the
 * first {@link #acquire()}: most transfers use native memory the engine takes as it is, and zeroing
 * the default 16 MiB cost every file command about 10 ms of its start. Owned by one thread.
 */
public final class BounceBufferPool implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final long stride;
    private MemorySegment slab;
    private final int[] free;
    private int freeCount;

    /** {@code count} buffers of {@code bufferSize} bytes in one native slab. */
    public BounceBufferPool(int count, int bufferSize) {
        if (count < 1 || bufferSize < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "bounce buffer pool needs count >= 1 and size >= 1, got " + count + " x " + bufferSize);
        }
        // Every buffer starts on an aligned address, whatever its size, so that direct I/O can use it.
        this.stride = (bufferSize + Memory.DEFAULT_ALIGNMENT - 1) & -Memory.DEFAULT_ALIGNMENT;
        this.free = new int[count];
        for (int i = 0; i < count; i++) {
            free[i] = count - 1 - i;
        }
        this.freeCount = count;
    }

    /** Takes a buffer; returns its index, or -1 when all are in use. */
    public int acquire() {
        if (freeCount == 0) {
            return -1;
        }
        if (slab == null) {
            slab = Memory.allocate(arena, free.length * stride);
        }
        return free[--freeCount];
    }

    /** Returns a buffer taken with {@link #acquire()}. */
    public void release(int index) {
        free[freeCount++] = index;
    }

    /** The native address of the buffer with this index (one taken with {@link #acquire()}). */
    public long address(int index) {
        return slab.address() + index * stride;
    }

    /** The slab that holds every buffer, for copies by offset without slicing; there once a buffer was taken. */
    public MemorySegment slab() {
        return slab;
    }

    /** The byte offset of a buffer in {@link #slab()}. */
    public long offset(int index) {
        return index * stride;
    }

    /** Frees the buffers; only when none is in use by an engine. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
