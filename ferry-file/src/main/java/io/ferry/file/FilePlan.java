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
 * landing on the first. Everything is allocated at prepare time, packed into one array of longs
 * and a few references so that many prepared plans stay cache-friendly; a post only resets
 * counters, with plain stores that the hand-off queue to the shards publishes. Offsets, failures
 * and the cancel flag are the transfer's ({@link TransferProgress}): the plan keeps none of them.
 *
 * <p>Counters of chunks and of pending work are only ever updated by shard threads; with a single
 * shard that is one thread, so they are updated with plain stores instead of atomic instructions.
 *
 * <p>A post completes when every descriptor has resolved and every shard has let go of the plan;
 * only then are outcomes reported, so a transfer that looks complete is no longer touched by any
 * shard and can be posted again at once.
 */
final class FilePlan implements BackendTransfer {
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(FilePlan.class, "pending", int.class);
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
    private volatile int pending;

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
            layout.describe(d, descriptor.length(),
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
        } catch (FerryException e) {
            for (int i = 0; i < acquired; i++) {
                targets[i].releaseUse();
            }
            throw e;
        }
        layout.cut(shards == 1 ? 0 : backend.nextFirstShard(), progress);
        PENDING.setRelease(this, count + shards);
        backend.dispatch(this);
    }

    /** Any offset will do: the cut of each post puts the unaligned head and tail of an O_DIRECT file through its buffered twin. */
    @Override
    public void checkRetarget(int d, long targetOffset) {
    }

    /** The shards may be parked: wake them, so that they skip what is left at once. */
    @Override
    public void cancelRequested() {
        backend.wakeShards();
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
        return progress.isCancelRequested() || progress.hasFailed(d);
    }

    void chunkSkipped(int d) {
        chunkFailed(d, new FerryException(ErrorCode.CANCELLED, "cancelled before it completed"));
    }

    /** Records the failure of a chunk of {@code d} with the transfer (its first failure wins). */
    void chunkFailed(int d, FerryException cause) {
        progress.fail(d, cause);
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
        progress.completed();
    }
}
