package io.ferry.file;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Registration;
import io.ferry.internal.BoundedMpscQueue;
import io.ferry.internal.Errno;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;
import io.ferry.spi.BounceBufferPool;
import io.ferry.spi.CompletionHandler;
import io.ferry.spi.IoQueue;

import java.lang.foreign.MemorySegment;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One independent part of the file backend, polled by one thread: its own engine queue, bounce
 * buffers and in-flight slots. Plans reach it through a bounded hand-off queue from the posting
 * thread. Each poll drains new plans, issues chunks while slots, queue room and bounce buffers
 * last, submits, and reaps. Short transfers, EINTR and EAGAIN are continued here; a completion
 * that needs another I/O goes to the resubmit stack, issued before any new chunk. Nothing is
 * allocated on this path unless a descriptor fails.
 */
final class FileShard implements Component, CompletionHandler {
    private static final int DRAIN_LIMIT = 64;

    private final int index;
    private final IoQueue queue;
    private final BounceBufferPool bounce;
    private final int retryLimit;
    private final BoundedMpscQueue<FilePlan> inbound;
    /**
     * Changes the engine queue must see on this shard's thread before it takes new plans: files
     * opened and closing, memory registered and deregistered (engines may register both).
     * Unbounded: a close or a deregistration must never be dropped; there are at most as many
     * pending as files opened and memory registered.
     */
    private final Queue<Runnable> engineEvents = new ConcurrentLinkedQueue<>();
    private final Consumer<FilePlan> activator = this::activate;
    private final FilePlan[] active;
    private int activeHead;
    private int activeCount;

    private final FilePlan[] slotPlan;
    private final int[] slotDescriptor;
    private final int[] slotFd;
    private final long[] slotFileOffset;
    private final long[] slotAddress;
    private final int[] slotRemaining;
    private final long[] slotMemoryOffset;
    private final int[] slotChunkLength;
    private final int[] slotBounce;
    /** The engine buffer (registration id) holding the slot's memory, or -1 (none, or bounced). */
    private final int[] slotBuffer;
    private final int[] slotRetries;
    private final int[] freeSlots;
    private int freeCount;
    private final int[] resubmit;
    private int resubmitCount;
    private int unsubmitted;
    /** The group that polls this shard, woken when a plan is handed over; null until started. */
    private volatile PollGroup group;

    FileShard(int index, IoQueue queue, BounceBufferPool bounce, int maxTransfersInFlight, int retryLimit) {
        this.index = index;
        this.queue = queue;
        this.bounce = bounce;
        this.retryLimit = retryLimit;
        this.inbound = new BoundedMpscQueue<>(maxTransfersInFlight);
        this.active = new FilePlan[inbound.capacity()];
        int slots = queue.capacity();
        slotPlan = new FilePlan[slots];
        slotDescriptor = new int[slots];
        slotFd = new int[slots];
        slotFileOffset = new long[slots];
        slotAddress = new long[slots];
        slotRemaining = new int[slots];
        slotMemoryOffset = new long[slots];
        slotChunkLength = new int[slots];
        slotBounce = new int[slots];
        slotBuffer = new int[slots];
        slotRetries = new int[slots];
        freeSlots = new int[slots];
        resubmit = new int[slots];
        for (int i = 0; i < slots; i++) {
            freeSlots[i] = slots - 1 - i;
        }
        freeCount = slots;
    }

    @Override
    public String name() {
        return "file-shard-" + index;
    }

    @Override
    public void onStart(PollGroup owner) {
        group = owner;
    }

    /** Hands a posted plan to this shard and wakes its group; called on the posting thread. */
    void offer(FilePlan plan) {
        if (!inbound.offer(plan)) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE,
                    "shard " + index + " hand-off queue overflow despite admission control");
        }
        PollGroup owner = group;
        if (owner != null) {
            owner.wakeup();
        }
    }

    /** Tells this shard's engine about a new file; any thread. */
    void fileOpened(FileTarget target) {
        engineEvents.add(() -> {
            queue.fileOpened(target.fd());
            if (target.bufferedFd() != target.fd()) {
                queue.fileOpened(target.bufferedFd());
            }
        });
    }

    /** Tells this shard's engine that a file is closing, then lets go of it; any thread. */
    void fileClosing(FileTarget target, LastShard closer) {
        engineEvents.add(() -> {
            queue.fileClosing(target.fd());
            if (target.bufferedFd() != target.fd()) {
                queue.fileClosing(target.bufferedFd());
            }
            closer.letGo();
        });
    }

    /** Tells this shard's engine about registered native memory, named by the registration's id; any thread. */
    void bufferRegistered(Registration registration) {
        engineEvents.add(() -> queue.bufferRegistered(registration.id(), registration.memory().address(),
                registration.memory().byteSize()));
    }

    /** Tells this shard's engine to let go of registered memory, then lets go of it; any thread. */
    void bufferDeregistering(Registration registration, LastShard releaser) {
        engineEvents.add(() -> {
            queue.bufferDeregistering(registration.id());
            releaser.letGo();
        });
    }

    private int applyEngineEvents() {
        int applied = 0;
        Runnable event;
        while ((event = engineEvents.poll()) != null) {
            event.run();
            applied++;
        }
        return applied;
    }

    @Override
    public int poll() {
        int work = engineEvents.isEmpty() ? 0 : applyEngineEvents();
        work += inbound.drain(activator, DRAIN_LIMIT);
        work += issue();
        if (unsubmitted > 0) {
            int taken = queue.submit();
            unsubmitted -= taken;
            work += taken;
        }
        return work + queue.reap(this);
    }

    private void activate(FilePlan plan) {
        active[(activeHead + activeCount) % active.length] = plan;
        activeCount++;
        plan.started();
    }

    private int issue() {
        int issued = 0;
        while (resubmitCount > 0) {
            if (!enqueue(resubmit[resubmitCount - 1])) {
                return issued;
            }
            resubmitCount--;
            issued++;
        }
        while (activeCount > 0 && freeCount > 0) {
            FilePlan plan = active[activeHead];
            PlanLayout layout = plan.layout();
            if (!layout.hasChunk(index)) {
                active[activeHead] = null;
                activeHead = (activeHead + 1) % active.length;
                activeCount--;
                plan.shardRetired();
                continue;
            }
            int d = layout.cursorDescriptor(index);
            long chunk = layout.cursorChunk(index);
            if (plan.shouldSkip(d)) {
                layout.advance(index);
                plan.chunkSkipped(d);
                continue;
            }
            boolean buffered = layout.isBuffered(d, chunk);
            boolean bounced = layout.isBounced(d, buffered);
            if (bounced && !plan.memory(d).isAccessibleBy(Thread.currentThread())) {
                layout.advance(index);
                plan.chunkFailed(d, inaccessible(plan, d));
                continue;
            }
            int bounceIndex = -1;
            if (bounced && (bounceIndex = bounce.acquire()) < 0) {
                break;
            }
            int slot = freeSlots[--freeCount];
            long memoryOffset = layout.memoryOffset(d, chunk);
            int chunkLength = layout.length(d, chunk, memoryOffset, buffered);
            slotPlan[slot] = plan;
            slotDescriptor[slot] = d;
            slotFd[slot] = layout.fd(d, buffered);
            slotFileOffset[slot] = layout.targetOffset(d) + memoryOffset;
            slotRemaining[slot] = chunkLength;
            slotChunkLength[slot] = chunkLength;
            slotMemoryOffset[slot] = memoryOffset;
            slotBounce[slot] = bounceIndex;
            slotBuffer[slot] = bounceIndex < 0 ? layout.buffer(d) : -1;
            slotRetries[slot] = 0;
            if (bounceIndex < 0) {
                slotAddress[slot] = layout.address(d) + memoryOffset;
            } else {
                slotAddress[slot] = bounce.address(bounceIndex);
                if (!plan.isRead()) {
                    MemorySegment.copy(plan.memory(d), memoryOffset, bounce.slab(), bounce.offset(bounceIndex), chunkLength);
                }
            }
            layout.advance(index);
            issued++;
            if (!enqueue(slot)) {
                resubmit[resubmitCount++] = slot;
                break;
            }
        }
        return issued;
    }

    private boolean enqueue(int slot) {
        FilePlan plan = slotPlan[slot];
        boolean taken = queue.enqueue(plan.opcode, slotFd[slot], slotFileOffset[slot],
                slotAddress[slot], slotRemaining[slot], slotBuffer[slot], slot);
        if (taken) {
            unsubmitted++;
        }
        return taken;
    }

    @Override
    public void complete(long userData, long result) {
        int slot = (int) userData;
        if (result < 0) {
            int errno = (int) -result;
            if (errno == Errno.EINTR || (errno == Errno.EAGAIN && slotRetries[slot]++ < retryLimit)) {
                resubmit[resubmitCount++] = slot;
            } else {
                finish(slot, ioFailure(slot, errno));
            }
        } else if (result == 0) {
            finish(slot, noProgress(slot));
        } else if (result < slotRemaining[slot]) {
            slotFileOffset[slot] += result;
            slotAddress[slot] += result;
            slotRemaining[slot] -= (int) result;
            resubmit[resubmitCount++] = slot;
        } else {
            FilePlan plan = slotPlan[slot];
            int bounceIndex = slotBounce[slot];
            if (bounceIndex >= 0 && plan.isRead()) {
                MemorySegment.copy(bounce.slab(), bounce.offset(bounceIndex), plan.memory(slotDescriptor[slot]),
                        slotMemoryOffset[slot], slotChunkLength[slot]);
            }
            finish(slot, null);
        }
    }

    private void finish(int slot, FerryException failure) {
        FilePlan plan = slotPlan[slot];
        int d = slotDescriptor[slot];
        slotPlan[slot] = null;
        if (slotBounce[slot] >= 0) {
            bounce.release(slotBounce[slot]);
        }
        freeSlots[freeCount++] = slot;
        if (failure == null) {
            plan.chunkFinished(d);
        } else {
            plan.chunkFailed(d, failure);
        }
    }

    /** Memory of a confined arena can only be copied by its owner thread, which is not polling here. */
    private static FerryException inaccessible(FilePlan plan, int d) {
        return new FerryException(ErrorCode.ILLEGAL_STATE, "memory of a confined arena needs a bounce-buffer copy, "
                + "but thread " + Thread.currentThread().getName() + " polls the backend, not its owner; allocate it "
                + "from a shared or automatic arena, or drive progress on the owner thread (" + plan.target(d).describe() + ")");
    }

    private FerryException ioFailure(int slot, int errno) {
        FilePlan plan = slotPlan[slot];
        return Errno.failure(plan.isRead() ? "pread" : "pwrite", plan.target(slotDescriptor[slot]).describe()
                + ", offset " + slotFileOffset[slot] + ", length " + slotRemaining[slot], errno);
    }

    private FerryException noProgress(int slot) {
        FilePlan plan = slotPlan[slot];
        FileTarget target = plan.target(slotDescriptor[slot]);
        if (!plan.isRead()) {
            return new FerryException(ErrorCode.IO_ERROR, "pwrite(" + target.describe() + ", offset "
                    + slotFileOffset[slot] + ") wrote nothing");
        }
        long end = slotFileOffset[slot] + slotRemaining[slot];
        return new FerryException(ErrorCode.END_OF_FILE, "read past end of file: " + target.describe()
                + " has no data at offset " + slotFileOffset[slot] + "; the descriptor needs bytes up to " + end);
    }

    /** Lets go of the files and memory still to be released, then frees the queue and bounce buffers; nothing is in flight. */
    @Override
    public void onClose() {
        try {
            applyEngineEvents();
            queue.close();
        } finally {
            bounce.close();
        }
    }
}
