package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.pdu.DataBuffer;

import java.lang.foreign.Arena;
import java.util.Arrays;

/**
 * The request slots and transfer buffers of one queue pair, and the requests waiting to be tried
 * again. Before Connect there is one slot (for the Connect itself); Connect grows the pool to the
 * queue size the host asked for. All memory comes from one arena, freed when the queue pair is.
 */
final class Requests {
    private final TargetOptions options;
    private final Arena arena = Arena.ofShared();
    private Request[] all;
    private int[] free;
    private int freeCount;
    private DataBuffer[] buffers = new DataBuffer[0];
    private int[] freeBuffers = new int[0];
    private int freeBufferCount;
    private int[] deferred;
    private int deferredHead;
    private int deferredCount;

    Requests(TargetOptions options) {
        this.options = options;
        this.all = new Request[] {new Request(0, arena, TargetOptions.ADMIN_IN_CAPSULE_DATA_SIZE)};
        this.free = new int[] {0};
        this.freeCount = 1;
        this.deferred = new int[1];
    }

    Arena arena() {
        return arena;
    }

    int count() {
        return all.length;
    }

    Request get(int index) {
        return all[index];
    }

    /** A free slot, or null when the host has more commands outstanding than its queue holds. */
    Request take() {
        return freeCount == 0 ? null : all[free[--freeCount]];
    }

    void give(Request r) {
        free[freeCount++] = r.index;
    }

    /** Makes {@code size} slots in all (the slot of the Connect stays) and the transfer buffers. */
    void grow(int size, boolean admin) {
        int ownBytes = admin ? TargetOptions.ADMIN_IN_CAPSULE_DATA_SIZE : Math.max(options.inCapsuleDataSize(), 4096);
        int old = all.length;
        all = Arrays.copyOf(all, Math.max(size, old));
        free = Arrays.copyOf(free, all.length);
        for (int i = old; i < all.length; i++) {
            all[i] = new Request(i, arena, ownBytes);
            free[freeCount++] = i;
        }
        int[] waiting = new int[all.length];
        for (int i = 0; i < deferredCount; i++) {
            waiting[i] = deferred[(deferredHead + i) % deferred.length];
        }
        deferred = waiting;
        deferredHead = 0;
        int count = admin ? TargetOptions.ADMIN_DATA_BUFFERS : Math.min(options.dataBuffersPerQueue(), all.length);
        buffers = new DataBuffer[count];
        freeBuffers = new int[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = new DataBuffer(arena.allocate(options.maxIoSize(), 4096));
            freeBuffers[i] = i;
        }
        freeBufferCount = count;
    }

    /** Gives a request memory for its {@code length} bytes: its own buffer if large enough, else a transfer buffer. */
    boolean acquireBuffer(Request r) {
        if (r.length <= r.own.capacity()) {
            r.data = r.own;
            return true;
        }
        if (freeBufferCount == 0) {
            return false;
        }
        r.transferBuffer = freeBuffers[--freeBufferCount];
        r.data = buffers[r.transferBuffer];
        return true;
    }

    void releaseBuffer(Request r) {
        if (r.transferBuffer >= 0) {
            freeBuffers[freeBufferCount++] = r.transferBuffer;
            r.transferBuffer = -1;
        }
    }

    /** Queues a request to be tried again at the next poll. */
    void defer(Request r) {
        deferred[(deferredHead + deferredCount) % deferred.length] = r.index;
        deferredCount++;
    }

    int deferredCount() {
        return deferredCount;
    }

    Request undefer() {
        Request r = all[deferred[deferredHead]];
        deferredHead = (deferredHead + 1) % deferred.length;
        deferredCount--;
        return r;
    }

    /** Frees every buffer; only once no request is in flight. */
    void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
