package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.IoQueue;
import io.ferry.spi.TransferProgress;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file backend's part of one transfer: each descriptor cut into chunks of at most the max I/O
 * size (see {@link PlanLayout} for how, including O_DIRECT files). Chunks are numbered across
 * descriptors; shard {@code s} of {@code n} issues the chunks whose number is {@code s - first}
 * modulo {@code n}, walking its own cursor. The shard that takes chunk 0 ({@code first}) rotates
 * from post to post, so that transfers of a single chunk spread over every shard instead of all
 * landing on the first. Everything is allocated at prepare
 * time, packed into one array of longs and a few references so that many prepared plans stay
 * cache-friendly (failure causes get an array on the first failure only); a post only
 * resets counters, with plain stores that the hand-off queue to the shards publishes.
 *
 * <p>Counters of chunks and of pending work are only ever updated by shard threads; with a single
 * shard that is one thread, so they are updated with plain stores instead of atomic instructions.
 *
 * <p>A post completes when every descriptor has resolved and every shard has let go of the plan;
 * only then are outcomes reported, so a transfer that looks complete is no longer touched by any
 * shard and can be posted again at once.
 */
final class FilePlan implements BackendTransfer {
    private static final VarHandle CAUSES = MethodHandles.arrayElementVarHandle(FerryException[].class);
    private static final VarHandle PENDING;
    private static final VarHandle CANCELLED;
    private static final VarHandle CAUSE_ARRAY;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(FilePlan.class, "pending", int.class);
            CANCELLED = lookup.findVarHandle(FilePlan.class, "cancelled", boolean.class);
            CAUSE_ARRAY = lookup.findVarHandle(FilePlan.class, "causes", FerryException[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int opcode;
    private final FileBackend backend;
    private final TransferProgress progress;
    private final int count;
    private final int shards;
    private final PlanLayout layout;
    private final MemorySegment[] memory;
    private final FileTarget[] descriptorTarget;
    private final FileTarget[] targets;
    private volatile FerryException[] causes;
    private volatile int pending;
    private volatile boolean cancelled;

    FilePlan(FileBackend backend, int opcode, List<Descriptor> descriptors, TransferProgress progress, int maxIoSize) {
        this.backend = backend;
        this.opcode = opcode;
        this.progress = progress;
        count = descriptors.size();
        shards = backend.shardCount();
        layout = new PlanLayout(count, shards);
        memory = new MemorySegment[count];
        descriptorTarget = new FileTarget[count];
        List<FileTarget> distinct = new ArrayList<>(1);
        for (int d = 0; d < count; d++) {
            Descriptor descriptor = descriptors.get(d);
            FileTarget target = (FileTarget) descriptor.target();
            int splitAlignment = Direct.splitAlignment(target);
            layout.describe(d, descriptor.targetOffset(), descriptor.length(),
                    descriptor.memory().isNative() ? descriptor.memory().address() : -1,
                    maxIoSize - maxIoSize % splitAlignment, splitAlignment, Direct.memoryAlignment(target),
                    target.fd(), target.bufferedFd(), backend.bufferOf(descriptor.memory()));
            memory[d] = descriptor.memory();
            descriptorTarget[d] = target;
            if (!distinct.contains(target)) {
                distinct.add(target);
            }
        }
        targets = distinct.toArray(FileTarget[]::new);
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
        if (causes != null) {
            Arrays.fill(causes, null);
        }
        layout.cut(shards == 1 ? 0 : backend.nextFirstShard());
        CANCELLED.setRelease(this, false);
        PENDING.setRelease(this, count + shards);
        backend.dispatch(this);
    }

    @Override
    public void retarget(int d, long targetOffset) {
        layout.retarget(d, targetOffset);
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

    /** Where each chunk goes; read and advanced by the shards. */
    PlanLayout layout() {
        return layout;
    }

    MemorySegment memory(int d) {
        return memory[d];
    }

    FileTarget target(int d) {
        return descriptorTarget[d];
    }

    boolean isRead() {
        return opcode == IoQueue.READ;
    }

    /** True when chunks of descriptor {@code d} should not be issued any more. */
    boolean shouldSkip(int d) {
        FerryException[] failed = causes;
        return cancelled || progress.isCancelRequested()
                || (failed != null && (FerryException) CAUSES.getAcquire(failed, d) != null);
    }

    void chunkSkipped(int d) {
        chunkFailed(d, new FerryException(ErrorCode.CANCELLED, "cancelled before it completed"));
    }

    /** Records the first failure of descriptor {@code d}; the array is made on the first failure of the plan. */
    void chunkFailed(int d, FerryException cause) {
        FerryException[] failed = causes;
        if (failed == null) {
            CAUSE_ARRAY.compareAndSet(this, (FerryException[]) null, new FerryException[count]);
            failed = causes;
        }
        CAUSES.compareAndSet(failed, d, (FerryException) null, cause);
        chunkFinished(d);
    }

    void chunkFinished(int d) {
        if (layout.chunkFinished(d) == 0) {
            finishOne();
        }
    }

    /** A shard has issued its last chunk of this post. */
    void shardRetired() {
        finishOne();
    }

    private void finishOne() {
        int left;
        if (shards == 1) {
            left = (int) PENDING.get(this) - 1;
            PENDING.set(this, left);
        } else {
            left = (int) PENDING.getAndAdd(this, -1) - 1;
        }
        if (left != 0) {
            return;
        }
        for (FileTarget target : targets) {
            target.releaseUse();
        }
        backend.retire();
        FerryException[] failed = causes;
        for (int d = 0; d < count; d++) {
            FerryException cause = failed == null ? null : (FerryException) CAUSES.getAcquire(failed, d);
            if (cause == null) {
                progress.descriptorDone(d);
            } else {
                progress.descriptorFailed(d, cause);
            }
        }
    }
}
