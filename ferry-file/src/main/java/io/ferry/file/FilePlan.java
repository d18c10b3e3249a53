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
 * size. Chunks are numbered across descriptors; shard {@code s} of {@code n} issues the chunks whose
 * number is {@code s - first} modulo {@code n}, walking its own cursor. The shard that takes chunk
 * 0 ({@code first}) rotates from post to post, so that transfers of a single chunk spread over
 * every shard instead of all landing on the first. Everything is allocated at prepare
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
    private static final int TARGET_OFFSET = 0;
    private static final int LENGTH = 1;
    private static final int ADDRESS = 2;
    private static final int CHUNKS = 3;
    private static final int CHUNK_SIZE = 4;
    private static final int FD = 5;
    private static final int BOUNCED = 6;
    private static final int REMAINING_CHUNKS = 7;
    private static final int FIELDS = 8;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
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
    private final long[] layout;
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
        // FIELDS longs per descriptor, then each shard's cursor: descriptor index and chunk number.
        layout = new long[count * FIELDS + 2 * shards];
        memory = new MemorySegment[count];
        descriptorTarget = new FileTarget[count];
        List<FileTarget> distinct = new ArrayList<>(1);
        for (int d = 0; d < count; d++) {
            Descriptor descriptor = descriptors.get(d);
            FileTarget target = (FileTarget) descriptor.target();
            int alignment = target.isDirect() ? target.directAlignment() : 1;
            int memoryAlignment = target.isDirect() ? target.directMemoryAlignment() : 1;
            boolean bounced = !Direct.zeroCopy(descriptor.memory(), memoryAlignment);
            int chunkSize = maxIoSize - maxIoSize % alignment;
            int base = d * FIELDS;
            layout[base + TARGET_OFFSET] = descriptor.targetOffset();
            layout[base + LENGTH] = descriptor.length();
            layout[base + ADDRESS] = bounced ? 0 : descriptor.memory().address();
            layout[base + CHUNKS] = (descriptor.length() + chunkSize - 1) / chunkSize;
            layout[base + CHUNK_SIZE] = chunkSize;
            layout[base + FD] = target.fd();
            layout[base + BOUNCED] = bounced ? 1 : 0;
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
        for (int d = 0; d < count; d++) {
            layout[d * FIELDS + REMAINING_CHUNKS] = layout[d * FIELDS + CHUNKS];
        }
        if (causes != null) {
            Arrays.fill(causes, null);
        }
        int first = shards == 1 ? 0 : backend.nextFirstShard();
        for (int s = 0; s < shards; s++) {
            layout[cursor(s)] = 0;
            layout[cursor(s) + 1] = Math.floorMod(s - first, shards);
            normalize(s);
        }
        CANCELLED.setRelease(this, false);
        PENDING.setRelease(this, count + shards);
        backend.dispatch(this);
    }

    @Override
    public void retarget(int d, long targetOffset) {
        FileTarget target = descriptorTarget[d];
        if (target.isDirect() && targetOffset % target.directAlignment() != 0) {
            throw new FerryException(ErrorCode.UNALIGNED, "descriptor " + d + ": " + target.describe()
                    + " is open with O_DIRECT, which needs offsets to be multiples of " + target.directAlignment()
                    + " (offset " + targetOffset + ")");
        }
        layout[d * FIELDS + TARGET_OFFSET] = targetOffset;
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

    long targetOffset(int d) {
        return layout[d * FIELDS + TARGET_OFFSET];
    }

    long length(int d) {
        return layout[d * FIELDS + LENGTH];
    }

    /** The native address of descriptor {@code d}'s memory, when it is not bounced. */
    long address(int d) {
        return layout[d * FIELDS + ADDRESS];
    }

    int chunkSize(int d) {
        return (int) layout[d * FIELDS + CHUNK_SIZE];
    }

    int fd(int d) {
        return (int) layout[d * FIELDS + FD];
    }

    boolean isBounced(int d) {
        return layout[d * FIELDS + BOUNCED] != 0;
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

    private int cursor(int s) {
        return count * FIELDS + 2 * s;
    }

    /** Whether shard {@code s} has chunks left to issue. */
    boolean hasChunk(int s) {
        return layout[cursor(s)] < count;
    }

    int cursorDescriptor(int s) {
        return (int) layout[cursor(s)];
    }

    long cursorChunk(int s) {
        return layout[cursor(s) + 1];
    }

    /** Moves shard {@code s} to its next chunk. */
    void advance(int s) {
        layout[cursor(s) + 1] += shards;
        normalize(s);
    }

    private void normalize(int s) {
        int d = (int) layout[cursor(s)];
        long k = layout[cursor(s) + 1];
        while (d < count && k >= layout[d * FIELDS + CHUNKS]) {
            k -= layout[d * FIELDS + CHUNKS];
            d++;
        }
        layout[cursor(s)] = d;
        layout[cursor(s) + 1] = k;
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
        int index = d * FIELDS + REMAINING_CHUNKS;
        long left = shards == 1 ? --layout[index] : (long) LONGS.getAndAdd(layout, index, -1L) - 1;
        if (left == 0) {
            finishOne();
        }
    }

    /** Shard {@code s} has issued its last chunk of this post. */
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
