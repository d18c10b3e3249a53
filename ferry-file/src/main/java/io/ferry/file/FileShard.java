package io.ferry.file;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Registration;
import io.ferry.internal.BoundedMpscQueue;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;
import io.ferry.spi.BounceBufferPool;
import io.ferry.spi.IoQueue;
import io.ferry.spi.RegisteredIo;

import java.lang.foreign.MemorySegment;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One independent part of the file backend, polled by one thread: its own engine queue, bounce
 * buffers and in-flight slots. Plans reach it through a bounded hand-off queue from the posting
 * thread. Each poll drains new plans, issues chunks while slots, queue room and bounce buffers
 * last, submits, and reaps; the {@link IoSlots} follow each I/O to the end of its chunk. Nothing is
 * allocated on this path unless a descriptor fails.
 */
final class FileShard implements Component {
    private static final int DRAIN_LIMIT = 64;

    private final int index;
    private final IoQueue queue;
    private final BounceBufferPool bounce;
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

    private final IoSlots slots;
    /** Chunks issued by the current {@link #issue()}; an array so that the slots can add resubmits to it. */
    private final int[] issued = new int[1];
    /** The group that polls this shard, woken when a plan is handed over; null until started. */
    private volatile PollGroup group;

    FileShard(int index, IoQueue queue, BounceBufferPool bounce, int maxTransfersInFlight, int retryLimit) {
        this.index = index;
        this.queue = queue;
        this.bounce = bounce;
        this.inbound = new BoundedMpscQueue<>(maxTransfersInFlight);
        this.active = new FilePlan[inbound.capacity()];
        this.slots = new IoSlots(queue, bounce, retryLimit);
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
        wakeUp();
    }

    /** Wakes the shard's poll group, if it waits; any thread. */
    void wakeUp() {
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

    /** The engine queue's: a waiting group wakes when an I/O of this shard completes. */
    @Override
    public int readyFd() {
        return queue.readyFd();
    }

    @Override
    public int poll() {
        int work = inbound.drain(activator, DRAIN_LIMIT);
        // After the drain: an event added before a drained post was handed over (the registration
        // of memory its transfer was prepared after, the opening of its file) reaches the engine
        // before that post's first I/O. Applied first, a registration racing this poll was missed.
        work += engineEvents.isEmpty() ? 0 : applyEngineEvents();
        work += issue();
        work += slots.submit();
        return work + queue.reap(slots);
    }

    private void activate(FilePlan plan) {
        active[(activeHead + activeCount) % active.length] = plan;
        activeCount++;
        plan.started();
    }

    /** Issues resubmits first, then new chunks of the active plans while slots, queue room and bounce buffers last. */
    private int issue() {
        issued[0] = 0;
        if (!slots.resubmitWaiting(issued)) {
            return issued[0];
        }
        while (activeCount > 0 && slots.hasFree()) {
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
            long memoryOffset = layout.memoryOffset(d, chunk);
            int chunkLength = layout.length(d, chunk, memoryOffset, buffered);
            long address;
            if (bounceIndex < 0) {
                address = layout.address(d) + memoryOffset;
            } else {
                address = bounce.address(bounceIndex);
                if (!plan.isRead()) {
                    MemorySegment.copy(plan.memory(d), memoryOffset, bounce.slab(), bounce.offset(bounceIndex), chunkLength);
                }
            }
            layout.advance(index);
            issued[0]++;
            if (!slots.start(plan, d, layout.fd(d, buffered), layout.targetOffset(d) + memoryOffset, address, memoryOffset,
                    chunkLength, bounceIndex, bounceIndex < 0 ? layout.buffer(d) : -1)) {
                break;
            }
        }
        return issued[0];
    }

    /** Memory of a confined arena can only be copied by its owner thread, which is not polling here. */
    private static FerryException inaccessible(FilePlan plan, int d) {
        return new FerryException(ErrorCode.ILLEGAL_STATE, "memory of a confined arena needs a bounce-buffer copy, "
                + "but thread " + Thread.currentThread().getName() + " polls the backend, not its owner; allocate it "
                + "from a shared or automatic arena, or drive progress on the owner thread (" + plan.target(d).describe() + ")");
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

    /** The queue's use of registered buffers and files. */
    RegisteredIo registeredIo() {
        return queue.registeredIo();
    }
}
