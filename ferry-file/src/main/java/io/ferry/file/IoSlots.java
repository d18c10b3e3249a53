package io.ferry.file;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.spi.BounceBufferPool;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;

import java.lang.foreign.MemorySegment;

/**
 * The I/Os one shard has in flight, one slot each, and what happens to each until its chunk is
 * done: a short transfer continues from where it stopped, EINTR and EAGAIN (up to the retry limit)
 * are issued again, anything else fails the chunk with a message naming the file, offset and errno.
 * A completion that needs another I/O goes to the resubmit stack, issued before any new chunk.
 * Slots are parallel arrays indexed by the number given to the engine as user data, so nothing is
 * allocated per I/O. Owned by the shard's thread.
 */
final class IoSlots implements CompletionHandler {
    private final IoQueue queue;
    private final BounceBufferPool bounce;
    private final int retryLimit;
    private final FilePlan[] plan;
    private final int[] descriptor;
    private final int[] fd;
    private final long[] fileOffset;
    private final long[] address;
    private final int[] remaining;
    private final long[] memoryOffset;
    private final int[] chunkLength;
    private final int[] bounceIndex;
    /** The engine buffer (registration id) holding the slot's memory, or -1 (none, or bounced). */
    private final int[] buffer;
    private final int[] retries;
    private final int[] free;
    private int freeCount;
    private final int[] resubmit;
    private int resubmitCount;
    private int unsubmitted;

    IoSlots(IoQueue queue, BounceBufferPool bounce, int retryLimit) {
        this.queue = queue;
        this.bounce = bounce;
        this.retryLimit = retryLimit;
        int slots = queue.capacity();
        plan = new FilePlan[slots];
        descriptor = new int[slots];
        fd = new int[slots];
        fileOffset = new long[slots];
        address = new long[slots];
        remaining = new int[slots];
        memoryOffset = new long[slots];
        chunkLength = new int[slots];
        bounceIndex = new int[slots];
        buffer = new int[slots];
        retries = new int[slots];
        free = new int[slots];
        resubmit = new int[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = slots - 1 - i;
        }
        freeCount = slots;
    }

    boolean hasFree() {
        return freeCount > 0;
    }

    /**
     * Issues the I/Os waiting to be issued again; false when the engine queue is full and some
     * still wait (no new chunk should go before them). Adds the count issued to {@code issued[0]}.
     */
    boolean resubmitWaiting(int[] issued) {
        while (resubmitCount > 0) {
            if (!enqueue(resubmit[resubmitCount - 1])) {
                return false;
            }
            resubmitCount--;
            issued[0]++;
        }
        return true;
    }

    /**
     * Takes a free slot for a chunk of descriptor {@code d} of {@code owner} and hands it to the
     * engine queue; false when the queue refused it (it waits on the resubmit stack). The memory is at
     * {@code memoryAddress}: the descriptor's own, or bounce buffer {@code bounced} (-1: none).
     */
    boolean start(FilePlan owner, int d, int fileFd, long offsetInFile, long memoryAddress, long offsetInMemory,
                  int length, int bounced, int engineBuffer) {
        int slot = free[--freeCount];
        plan[slot] = owner;
        descriptor[slot] = d;
        fd[slot] = fileFd;
        fileOffset[slot] = offsetInFile;
        address[slot] = memoryAddress;
        remaining[slot] = length;
        chunkLength[slot] = length;
        memoryOffset[slot] = offsetInMemory;
        bounceIndex[slot] = bounced;
        buffer[slot] = engineBuffer;
        retries[slot] = 0;
        if (enqueue(slot)) {
            return true;
        }
        resubmit[resubmitCount++] = slot;
        return false;
    }

    private boolean enqueue(int slot) {
        boolean taken = queue.enqueue(plan[slot].opcode, fd[slot], fileOffset[slot], address[slot], remaining[slot],
                buffer[slot], slot);
        if (taken) {
            unsubmitted++;
        }
        return taken;
    }

    /** Hands what was enqueued to the engine; returns how many it took. */
    int submit() {
        if (unsubmitted == 0) {
            return 0;
        }
        int taken = queue.submit();
        unsubmitted -= taken;
        return taken;
    }

    @Override
    public void complete(long userData, long result) {
        int slot = (int) userData;
        if (result < 0) {
            int errno = (int) -result;
            if (errno == Errno.EINTR || (errno == Errno.EAGAIN && retries[slot]++ < retryLimit)) {
                resubmit[resubmitCount++] = slot;
            } else {
                finish(slot, ioFailure(slot, errno));
            }
        } else if (result == 0) {
            finish(slot, noProgress(slot));
        } else if (result < remaining[slot]) {
            fileOffset[slot] += result;
            address[slot] += result;
            remaining[slot] -= (int) result;
            resubmit[resubmitCount++] = slot;
        } else {
            FilePlan owner = plan[slot];
            int bounced = bounceIndex[slot];
            if (bounced >= 0 && owner.isRead()) {
                MemorySegment.copy(bounce.slab(), bounce.offset(bounced), owner.memory(descriptor[slot]),
                        memoryOffset[slot], chunkLength[slot]);
            }
            finish(slot, null);
        }
    }

    private void finish(int slot, FerryException failure) {
        FilePlan owner = plan[slot];
        int d = descriptor[slot];
        plan[slot] = null;
        if (bounceIndex[slot] >= 0) {
            bounce.release(bounceIndex[slot]);
        }
        free[freeCount++] = slot;
        if (failure == null) {
            owner.chunkFinished(d);
        } else {
            owner.chunkFailed(d, failure);
        }
    }

    private FerryException ioFailure(int slot, int errno) {
        FilePlan owner = plan[slot];
        return Errno.failure(owner.isRead() ? "pread" : "pwrite", owner.target(descriptor[slot]).describe()
                + ", offset " + fileOffset[slot] + ", length " + remaining[slot], errno);
    }

    private FerryException noProgress(int slot) {
        FilePlan owner = plan[slot];
        FileTarget target = owner.target(descriptor[slot]);
        if (!owner.isRead()) {
            return new FerryException(ErrorCode.IO_ERROR, "pwrite(" + target.describe() + ", offset "
                    + fileOffset[slot] + ") wrote nothing");
        }
        long end = fileOffset[slot] + remaining[slot];
        return new FerryException(ErrorCode.END_OF_FILE, "read past end of file: " + target.describe()
                + " has no data at offset " + fileOffset[slot] + "; the descriptor needs bytes up to " + end);
    }
}
