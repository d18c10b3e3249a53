package io.ferry.stream.source;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.prepare.Batch;

import java.lang.foreign.MemorySegment;

/**
 * The application's own payloads: it {@link #offer}s buffers with their offsets in a destination of a
 * declared size, in any order, and {@link #finish}es. A payload offered twice at one offset lands in
 * the order offered only if a sync point separates them ({@code StreamSender.sync()}).
 *
 * <p>Ownership: an offered buffer belongs to the source until {@link #queued()} no longer counts it
 * (it is copied into a batch when a channel is free). The queue holds {@link #CAPACITY} payloads.
 * Resume: {@link #position()} counts payload bytes taken; after a resume the application offers again
 * what followed the confirmed sync point.
 */
public final class PayloadSource extends SingleSource {
    /** The most payloads the queue holds. */
    public static final int CAPACITY = 16;

    private final int blockSize;
    private final long[] offsets = new long[CAPACITY];
    private final MemorySegment[] payloads = new MemorySegment[CAPACITY];
    private int head;
    private int count;
    private boolean finished;

    PayloadSource(long size, int blockSize) {
        super(size);
        this.blockSize = blockSize;
    }

    /**
     * Queues {@code payload} (at most the block size) for stream offset {@code offset}; false when the
     * queue is full. Fails when it does not fit the declared size or the source is finished.
     */
    public boolean offer(long offset, MemorySegment payload) {
        if (finished) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "the payload source is finished");
        }
        long length = payload.byteSize();
        if (length == 0 || length > blockSize || offset < 0 || offset > manifest().end() - length) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "payload [" + offset + ", +" + length
                    + ") must be 1 to " + blockSize + " bytes inside [0, " + manifest().end() + ")");
        }
        if (count == CAPACITY) {
            return false;
        }
        int slot = (head + count++) % CAPACITY;
        offsets[slot] = offset;
        payloads[slot] = payload;
        return true;
    }

    /** No more payloads: the stream ends once the queue is empty. */
    public void finish() {
        finished = true;
    }

    /** Payloads offered and not yet taken. */
    public int queued() {
        return count;
    }

    @Override
    public int next(Batch batch) {
        if (count == 0) {
            return finished ? END : PENDING;
        }
        MemorySegment payload = payloads[head];
        batch.copy(payload, 0, offsets[head], (int) payload.byteSize());
        payloads[head] = null;
        head = (head + 1) % CAPACITY;
        count--;
        position += payload.byteSize();
        return PRODUCED;
    }
}
