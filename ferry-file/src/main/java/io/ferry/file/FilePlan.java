package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.IoQueue;
import io.ferry.spi.TransferProgress;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The file backend's part of one transfer: each descriptor cut into chunks of at most the max I/O
 * size. Chunks are numbered across descriptors; shard {@code s} of {@code n} issues the chunks whose
 * number is {@code s} modulo {@code n}, walking its own cursor. Everything is allocated at prepare
 * time; a post only resets counters.
 *
 * <p>A post completes when every descriptor has resolved and every shard has let go of the plan;
 * only then are outcomes reported, so a transfer that looks complete is no longer touched by any
 * shard and can be posted again at once.
 */
final class FilePlan implements BackendTransfer {
    final int opcode;
    final MemorySegment[] memory;
    final long[] address;
    final boolean[] bounced;
    final int[] fd;
    final long[] targetOffset;
    final long[] length;
    final int[] chunkSize;
    private final FileBackend backend;
    private final TransferProgress progress;
    private final FileTarget[] descriptorTarget;
    private final FileTarget[] targets;
    private final long[] chunks;
    private final AtomicLongArray remainingChunks;
    private final AtomicReferenceArray<FerryException> causes;
    private final AtomicInteger pending = new AtomicInteger();
    private final int[] cursorDescriptor;
    private final long[] cursorChunk;
    private volatile boolean cancelled;

    FilePlan(FileBackend backend, int opcode, List<Descriptor> descriptors, TransferProgress progress, int maxIoSize) {
        this.backend = backend;
        this.opcode = opcode;
        this.progress = progress;
        int count = descriptors.size();
        memory = new MemorySegment[count];
        address = new long[count];
        bounced = new boolean[count];
        fd = new int[count];
        targetOffset = new long[count];
        length = new long[count];
        chunkSize = new int[count];
        chunks = new long[count];
        descriptorTarget = new FileTarget[count];
        List<FileTarget> distinct = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Descriptor d = descriptors.get(i);
            FileTarget target = (FileTarget) d.target();
            memory[i] = d.memory();
            fd[i] = target.fd();
            targetOffset[i] = d.targetOffset();
            length[i] = d.length();
            descriptorTarget[i] = target;
            int alignment = target.isDirect() ? target.directAlignment() : 1;
            bounced[i] = !Direct.zeroCopy(d.memory(), alignment);
            address[i] = bounced[i] ? 0 : d.memory().address();
            chunkSize[i] = maxIoSize - maxIoSize % alignment;
            chunks[i] = (length[i] + chunkSize[i] - 1) / chunkSize[i];
            if (!distinct.contains(target)) {
                distinct.add(target);
            }
        }
        targets = distinct.toArray(FileTarget[]::new);
        remainingChunks = new AtomicLongArray(count);
        causes = new AtomicReferenceArray<>(count);
        cursorDescriptor = new int[backend.shardCount()];
        cursorChunk = new long[backend.shardCount()];
    }

    @Override
    public void post() {
        int acquired = 0;
        try {
            for (; acquired < targets.length; acquired++) {
                targets[acquired].acquire();
            }
            backend.admit();
        } catch (FerryException e) {
            for (int i = 0; i < acquired; i++) {
                targets[i].releaseUse();
            }
            throw e;
        }
        int count = length.length;
        for (int d = 0; d < count; d++) {
            remainingChunks.set(d, chunks[d]);
            causes.set(d, null);
        }
        int shards = cursorDescriptor.length;
        for (int s = 0; s < shards; s++) {
            cursorDescriptor[s] = 0;
            cursorChunk[s] = s;
            normalize(s);
        }
        cancelled = false;
        pending.set(count + shards);
        backend.dispatch(this);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void release() {
        // Everything the plan holds is on the heap; targets are released at the end of each post.
    }

    void started() {
        progress.started();
    }

    /** Whether shard {@code s} has chunks left to issue. */
    boolean hasChunk(int s) {
        return cursorDescriptor[s] < length.length;
    }

    int cursorDescriptor(int s) {
        return cursorDescriptor[s];
    }

    long cursorChunk(int s) {
        return cursorChunk[s];
    }

    /** Moves shard {@code s} to its next chunk. */
    void advance(int s) {
        cursorChunk[s] += cursorDescriptor.length;
        normalize(s);
    }

    private void normalize(int s) {
        int d = cursorDescriptor[s];
        long k = cursorChunk[s];
        while (d < chunks.length && k >= chunks[d]) {
            k -= chunks[d];
            d++;
        }
        cursorDescriptor[s] = d;
        cursorChunk[s] = k;
    }

    /** True when chunks of descriptor {@code d} should not be issued any more. */
    boolean shouldSkip(int d) {
        return cancelled || progress.isCancelRequested() || causes.get(d) != null;
    }

    void chunkSkipped(int d) {
        causes.compareAndSet(d, null, new FerryException(ErrorCode.CANCELLED, "cancelled before it completed"));
        chunkFinished(d);
    }

    void chunkFailed(int d, FerryException cause) {
        causes.compareAndSet(d, null, cause);
        chunkFinished(d);
    }

    void chunkFinished(int d) {
        if (remainingChunks.decrementAndGet(d) == 0) {
            finishOne();
        }
    }

    /** Shard {@code s} has issued its last chunk of this post. */
    void shardRetired() {
        finishOne();
    }

    private void finishOne() {
        if (pending.decrementAndGet() != 0) {
            return;
        }
        for (FileTarget target : targets) {
            target.releaseUse();
        }
        backend.retire();
        for (int d = 0; d < length.length; d++) {
            FerryException cause = causes.get(d);
            if (cause == null) {
                progress.descriptorDone(d);
            } else {
                progress.descriptorFailed(d, cause);
            }
        }
    }

    FileTarget target(int d) {
        return descriptorTarget[d];
    }

    boolean isRead() {
        return opcode == IoQueue.READ;
    }
}
