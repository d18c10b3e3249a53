package io.ferry.runtime;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Pollable;
import io.ferry.internal.BoundedMpscQueue;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A set of {@link Pollable}s polled by one platform thread named {@link #name()}. Each duty cycle
 * takes a limited batch of additions and removals from the bounded hand-off queue, polls
 * every owned pollable once, counts the cycle and hands the total work to the idle strategy. A
 * pollable that throws is reported to the {@link ErrorHandler} and counted; the thread goes on.
 *
 * <p>Threads: {@link #add}, {@link #remove}, {@link #name()}, {@link #errorCount()} and
 * {@link #dutyCycles()} may be called from any thread. {@link #start()} and {@link #close()} may be
 * called from any thread except the group's own. The list of owned pollables, the idle strategy
 * and calls to the error handler belong to the group's thread. The thread is not a daemon: close
 * the group. Interrupting it does not stop it (close does); the interrupt is cleared so that the
 * idle strategy can park again.
 */
public final class PollGroup implements AutoCloseable {
    /** The hand-off queue capacity of the groups of a {@link FerryRuntime}. */
    public static final int DEFAULT_HAND_OFF_CAPACITY = 1024;
    private static final int DRAIN_LIMIT = 64;

    private record Change(Pollable pollable, boolean add) {
    }

    private final String name;
    private final IdleStrategy idleStrategy;
    private final PollSet pollables;
    private final BoundedMpscQueue<Change> changes;
    private final Consumer<Change> applier = this::apply;
    private final AtomicLong dutyCycles = new AtomicLong();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile Thread thread;

    /**
     * A group that is not yet started.
     *
     * @param name             the thread's name
     * @param idleStrategy     used by this group's thread only
     * @param errorHandler     receives what pollables throw, on this group's thread
     * @param handOffCapacity  additions and removals that may wait for the thread (rounded up to a
     *                         power of two)
     */
    public PollGroup(String name, IdleStrategy idleStrategy, ErrorHandler errorHandler, int handOffCapacity) {
        this.name = Objects.requireNonNull(name, "name");
        this.idleStrategy = Objects.requireNonNull(idleStrategy, "idleStrategy");
        this.pollables = new PollSet(name, Objects.requireNonNull(errorHandler, "errorHandler"));
        if (handOffCapacity < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "hand-off capacity must be at least 1: " + handOffCapacity);
        }
        this.changes = new BoundedMpscQueue<>(handOffCapacity);
    }

    /** The name of the group and of its thread. */
    public String name() {
        return name;
    }

    /**
     * Hands a pollable to the group; its thread polls it from its next cycle on, until removed or
     * closed. Adding a pollable the group already owns does nothing. Any thread.
     *
     * @throws FerryException {@link ErrorCode#QUEUE_FULL} when the hand-off queue is full,
     *                        {@link ErrorCode#CLOSED} after {@link #close()}
     */
    public void add(Pollable pollable) {
        if (!offer(new Change(Objects.requireNonNull(pollable, "pollable"), true))) {
            throw queueFull();
        }
    }

    /**
     * Takes a pollable back; the group stops polling it within two cycles. Removing one the group
     * does not own does nothing. Any thread.
     *
     * @throws FerryException {@link ErrorCode#QUEUE_FULL} or {@link ErrorCode#CLOSED}, as for add
     */
    public void remove(Pollable pollable) {
        if (!offer(new Change(Objects.requireNonNull(pollable, "pollable"), false))) {
            throw queueFull();
        }
    }

    /** Adds, yielding while the hand-off queue is full; only for a started group, which drains it. */
    void addWhenRoom(Pollable pollable) {
        Change change = new Change(Objects.requireNonNull(pollable, "pollable"), true);
        while (!offer(change)) {
            Thread.yield();
        }
    }

    private boolean offer(Change change) {
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "poll group " + name + " is closed");
        }
        if (!changes.offer(change)) {
            return false;
        }
        Thread owner = thread;
        if (owner != null) {
            LockSupport.unpark(owner);
        }
        return true;
    }

    private FerryException queueFull() {
        return new FerryException(ErrorCode.QUEUE_FULL, "the hand-off queue of poll group " + name + " is full ("
                + changes.capacity() + " changes wait for its thread)");
    }

    /**
     * Starts the thread.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when already started,
     *                        {@link ErrorCode#CLOSED} after close
     */
    public synchronized void start() {
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "poll group " + name + " is closed");
        }
        if (thread != null) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "poll group " + name + " is already started");
        }
        running = true;
        thread = Thread.ofPlatform().name(name).daemon(false).start(this::run);
    }

    private void run() {
        while (running) {
            Thread.interrupted();
            int work = changes.drain(applier, DRAIN_LIMIT) + pollables.pollAll();
            dutyCycles.setRelease(dutyCycles.getPlain() + 1);
            idleStrategy.idle(work);
        }
    }

    private void apply(Change change) {
        if (change.add()) {
            pollables.add(change.pollable());
        } else {
            pollables.remove(change.pollable());
        }
    }

    /** Pollables that threw since the group was built. Any thread. */
    public long errorCount() {
        return pollables.errorCount();
    }

    /** Duty cycles completed since the group was started. Any thread. */
    public long dutyCycles() {
        return dutyCycles.getAcquire();
    }

    /** Whether the calling thread is this group's thread. */
    boolean isCurrentThread() {
        return thread == Thread.currentThread();
    }

    /**
     * Stops the thread after its current cycle and waits until it has ended; afterwards no thread
     * of the group is alive and no pollable is polled by it. Idempotent; a group never started is
     * just marked closed. An interrupt during the wait is kept for the caller, not acted on.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when called from the group's thread
     */
    @Override
    public void close() {
        Thread owner;
        synchronized (this) {
            if (isCurrentThread()) {
                throw new FerryException(ErrorCode.ILLEGAL_STATE, "poll group " + name + " cannot close itself");
            }
            closed = true;
            running = false;
            owner = thread;
        }
        if (owner != null) {
            LockSupport.unpark(owner);
            joinUninterruptibly(owner);
        }
    }

    private static void joinUninterruptibly(Thread owner) {
        boolean interrupted = false;
        while (true) {
            try {
                owner.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PollGroup[" + name + ", cycles " + dutyCycles() + ", errors " + errorCount() + "]";
    }
}
