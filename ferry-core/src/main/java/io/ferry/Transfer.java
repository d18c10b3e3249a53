package io.ferry;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A prepared list of descriptors with a direction: prepared once by {@link Agent#prepare}, posted
 * again and again, polled for its status, and finally released.
 *
 * <p>State kept once: the transfer holds everything about a post (the target offsets, the first
 * failure of each descriptor, the cancel flag, how many backend parts are still working); backends
 * read and write it through {@link io.ferry.spi.TransferProgress} and keep only what they derive.
 * It moves through {@link TransferState}s by one transition method, counted per state by the agent
 * ({@link Agent#transferCount}), so a transfer that seems stuck can always be explained.
 *
 * <p>Threads: {@link #post()}, {@link #release()} and {@link #await()} are called by the
 * application, one thread at a time. Completion may be reported by another thread (a poll group);
 * {@link #state()} and {@link #status()} see it, and a completion listener runs on that thread.
 * Between {@code post()} and completion, the memory and targets of the descriptors belong to the
 * transfer: the application must not touch the memory of a READ nor free either.
 *
 * <p>Memory ordering: a post publishes its resets to the backends' threads through their hand-off
 * queues; completion publishes the final state with a volatile store that {@link #state()} reads.
 * Counters are fields updated through {@link VarHandle}s; the failure array is allocated on the
 * first failure only, so a prepared transfer is a handful of objects.
 *
 * <p>A transfer is prepared once and may be posted again once complete, here moved along a file
 * as a streaming reader does:
 * <pre>{@code
 * try (Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(block, file, 0)))) {
 *     for (long offset = 0; offset < file.size(); offset += block.byteSize()) {
 *         read.retarget(0, offset);
 *         read.post();
 *         read.await().throwIfFailed();     // a FerryException naming each failed descriptor
 *         consume(block);
 *     }
 * }
 * }</pre>
 */
public final class Transfer implements AutoCloseable {
    private static final System.Logger LISTENER_ERRORS = System.getLogger(Transfer.class.getName());
    private static final VarHandle STATE;
    private static final VarHandle PARTS_LEFT;
    private static final VarHandle FAILURE_COUNT;
    private static final VarHandle FAILURE_ARRAY;
    private static final VarHandle FAILURES = MethodHandles.arrayElementVarHandle(FerryException[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Transfer.class, "state", TransferState.class);
            PARTS_LEFT = lookup.findVarHandle(Transfer.class, "partsLeft", int.class);
            FAILURE_COUNT = lookup.findVarHandle(Transfer.class, "failureCount", int.class);
            FAILURE_ARRAY = lookup.findVarHandle(Transfer.class, "failures", FerryException[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Agent agent;
    private final TransferOp op;
    private final List<Descriptor> descriptors;
    private final List<Registration> registrations;
    private final long[] targetOffsets;
    private final MemorySegment.Scope[] scopes;
    private final TransferPart[] parts;
    private int partCount;
    private volatile FerryException[] failures;
    private volatile TransferState state = TransferState.PREPARED;
    private volatile int partsLeft;
    private volatile int failureCount;
    private volatile boolean cancelRequested;
    private volatile Consumer<TransferStatus> completionListener;
    private volatile Thread waiter;

    Transfer(Agent agent, TransferOp op, List<Descriptor> descriptors, List<Registration> registrations, int partCount) {
        this.agent = agent;
        this.op = op;
        this.descriptors = descriptors;
        this.registrations = registrations;
        this.targetOffsets = descriptors.stream().mapToLong(Descriptor::targetOffset).toArray();
        this.scopes = descriptors.stream().map(d -> d.memory().scope()).distinct().toArray(MemorySegment.Scope[]::new);
        this.parts = new TransferPart[partCount];
    }

    TransferPart addPart(int[] globalIndex, Admission admission) {
        TransferPart part = new TransferPart(this, globalIndex, admission);
        parts[partCount++] = part;
        return part;
    }

    /** Whether this transfer reads from its targets or writes to them. */
    public TransferOp op() {
        return op;
    }

    /** The descriptors, in the order given to {@link Agent#prepare}. */
    public List<Descriptor> descriptors() {
        return descriptors;
    }

    /** The current target offset of descriptor {@code index}: as prepared, or as last {@linkplain #retarget retargeted}. */
    public long targetOffset(int index) {
        return targetOffsets[Objects.checkIndex(index, targetOffsets.length)];
    }

    /**
     * Moves descriptor {@code index} to {@code targetOffset} in the same target, for its next post:
     * a streaming reader or writer keeps a few transfers and moves them along, as fio reuses its
     * I/O units, instead of preparing one per position. Allowed while the transfer is not in
     * flight. Fails with {@link ErrorCode#OUT_OF_RANGE} for a negative or overflowing offset and
     * with the backend's own errors (such as {@link ErrorCode#UNALIGNED}); a failed call changes
     * nothing. Allocates nothing.
     */
    public void retarget(int index, long targetOffset) {
        TransferState current = state;
        if (current == TransferState.POSTED || current == TransferState.IN_PROGRESS) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "transfer is " + current + "; await it before retargeting");
        }
        if (current == TransferState.RELEASED) {
            throw new FerryException(ErrorCode.CLOSED, "transfer was released");
        }
        Objects.checkIndex(index, targetOffsets.length);
        long length = descriptors.get(index).length();
        if (targetOffset < 0 || targetOffset > Long.MAX_VALUE - length) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "descriptor " + index + ": target offset " + targetOffset
                    + (targetOffset < 0 ? " is negative" : " + length " + length + " overflows"));
        }
        for (TransferPart part : parts) {
            int local = part.localIndexOf(index);
            if (local >= 0) {
                part.backendTransfer().checkRetarget(local, targetOffset);
                break;
            }
        }
        targetOffsets[index] = targetOffset;
    }

    /** The current state; cheap, never blocks. */
    public TransferState state() {
        return (TransferState) STATE.getAcquire(this);
    }

    /**
     * The one transition method: moves from {@code from} to {@code to} when the transfer is in
     * {@code from}, counting both states; false (nothing changed) otherwise. Backends' threads may
     * race on the start and the end of a post, hence the compare-and-set.
     */
    private boolean moveTo(TransferState from, TransferState to) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        agent.counts().left(from);
        agent.counts().entered(to);
        return true;
    }

    /**
     * Starts the transfer, or starts it again after it completed. Fails with
     * {@link ErrorCode#ILLEGAL_STATE} while a previous post is in flight, {@link ErrorCode#CLOSED}
     * when released or when a target was closed, {@link ErrorCode#QUEUE_FULL} when a backend has
     * too many transfers in flight. A post that throws has started nothing.
     */
    public void post() {
        TransferState previous = state;
        if (previous == TransferState.RELEASED) {
            throw new FerryException(ErrorCode.CLOSED, "transfer was released");
        }
        if (previous == TransferState.POSTED || previous == TransferState.IN_PROGRESS) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "transfer is " + previous + "; await it before posting again");
        }
        agent.checkOpen();
        for (MemorySegment.Scope scope : scopes) {
            if (!scope.isAlive()) {
                throw freedMemory();
            }
        }
        admitAll();
        if (failureCount > 0) {
            Arrays.fill(failures, null);
            FAILURE_COUNT.setRelease(this, 0);
        }
        cancelRequested = false;
        PARTS_LEFT.setRelease(this, parts.length);
        moveTo(previous, TransferState.POSTED);
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i].backendTransfer().post();
            } catch (RuntimeException e) {
                if (i == 0) {
                    for (TransferPart part : parts) {
                        part.admission().retire();
                    }
                    moveTo(TransferState.POSTED, previous);
                    throw e;
                }
                failRemainingParts(i, e);
                return;
            }
        }
    }

    /** Admits the post on every backend, or on none (QUEUE_FULL from the first that is full). */
    private void admitAll() {
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i].admission().admit();
            } catch (FerryException e) {
                for (int j = 0; j < i; j++) {
                    parts[j].admission().retire();
                }
                throw e;
            }
        }
    }

    private FerryException freedMemory() {
        for (int i = 0; i < descriptors.size(); i++) {
            if (!descriptors.get(i).memory().scope().isAlive()) {
                return new FerryException(ErrorCode.CLOSED, "descriptor " + i + ": its memory was freed");
            }
        }
        throw new IllegalStateException("a scope of this transfer is closed but no descriptor uses it");
    }

    /** Parts before {@code firstFailed} are running: cancel them, and end the others with {@code cause}. */
    private void failRemainingParts(int firstFailed, RuntimeException cause) {
        FerryException failure = cause instanceof FerryException f ? f
                : new FerryException(ErrorCode.ILLEGAL_STATE, String.valueOf(cause.getMessage()), cause);
        cancel();
        for (int i = firstFailed; i < parts.length; i++) {
            TransferPart part = parts[i];
            for (int local = 0; local < part.size(); local++) {
                part.fail(local, failure);
            }
            part.completed();
        }
    }

    /**
     * Asks the backends to stop: descriptors not yet complete end with {@link ErrorCode#CANCELLED},
     * and the transfer ends CANCELLED once I/O already issued has finished. Does nothing when the
     * transfer is not in flight. Any thread.
     */
    public void cancel() {
        TransferState current = state;
        if (current == TransferState.POSTED || current == TransferState.IN_PROGRESS) {
            cancelRequested = true;
            for (TransferPart part : parts) {
                part.backendTransfer().cancelRequested();
            }
        }
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    /** The state and, once FAILED or CANCELLED, every descriptor that did not complete. */
    public TransferStatus status() {
        TransferState current = state;
        if (current != TransferState.FAILED && current != TransferState.CANCELLED) {
            return new TransferStatus(current, List.of());
        }
        List<DescriptorFailure> list = new ArrayList<>();
        FerryException[] causes = failures;
        for (int i = 0; causes != null && i < descriptors.size(); i++) {
            FerryException cause = (FerryException) FAILURES.getAcquire(causes, i);
            if (cause != null) {
                Descriptor d = descriptors.get(i);
                list.add(new DescriptorFailure(i, d.target().describe(), targetOffsets[i], d.length(), cause));
            }
        }
        return new TransferStatus(current, list);
    }

    /**
     * Runs {@code listener} each time the transfer completes, on the thread that completed it. It
     * must be quick and must not call back into this transfer except {@link #status()}; an
     * exception it throws is logged and does not reach the completing thread.
     */
    public void onCompletion(Consumer<TransferStatus> listener) {
        this.completionListener = listener;
    }

    /**
     * Waits until the transfer completes and returns its final status (it does not throw on
     * failure: see {@link TransferStatus#throwIfFailed()}). When the caller drives the agent
     * ({@link ThreadingMode#INVOKER}), the waiting thread polls it, idling as the agent's idle
     * strategy says; otherwise it parks until the completing thread wakes it, and fails with
     * {@link ErrorCode#INTERRUPTED} if the thread is interrupted (the transfer stays in flight).
     */
    public TransferStatus await() {
        return await(null);
    }

    /** Like {@link #await()}, failing with {@link ErrorCode#TIMED_OUT} after {@code timeout}. */
    public TransferStatus await(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        PollGroups groups = agent.pollGroups();
        while (true) {
            TransferState current = state;
            if (current.isComplete()) {
                return status();
            }
            if (current == TransferState.PREPARED) {
                throw new FerryException(ErrorCode.ILLEGAL_STATE, "transfer was not posted");
            }
            if (current == TransferState.RELEASED) {
                throw new FerryException(ErrorCode.CLOSED, "transfer was released");
            }
            if (timeout != null && System.nanoTime() - deadline > 0) {
                throw new FerryException(ErrorCode.TIMED_OUT, "transfer did not complete within " + timeout);
            }
            if (groups.drivenByCaller()) {
                groups.driveOnce();
            } else {
                waiter = Thread.currentThread();
                if (!state.isComplete()) {
                    LockSupport.parkNanos(this, timeout == null ? 1_000_000_000L : Math.max(1, deadline - System.nanoTime()));
                }
                waiter = null;
                if (Thread.currentThread().isInterrupted()) {
                    throw new FerryException(ErrorCode.INTERRUPTED,
                            "interrupted while awaiting the transfer; it is still in flight");
                }
            }
        }
    }

    /** Who drives the agent of this transfer; {@link ThreadingMode#INVOKER} means only the caller's polls complete it. */
    public ThreadingMode threadingMode() {
        return agent.threadingMode();
    }

    /**
     * Frees what the transfer holds. Refused while it is in flight (cancel and await it first).
     * Releasing twice does nothing; {@link #close()} is the same.
     */
    public void release() {
        TransferState current = state;
        if (current == TransferState.RELEASED) {
            return;
        }
        if (current == TransferState.POSTED || current == TransferState.IN_PROGRESS) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "transfer is in flight; cancel and await it before release");
        }
        moveTo(current, TransferState.RELEASED);
        for (TransferPart part : parts) {
            part.backendTransfer().release();
        }
        for (Registration registration : registrations) {
            registration.unuse();
        }
        agent.forget(this);
    }

    @Override
    public void close() {
        release();
    }

    void markStarted() {
        moveTo(TransferState.POSTED, TransferState.IN_PROGRESS);
    }

    /** Records the first failure of descriptor {@code index} in this post; later ones are ignored. */
    void descriptorFailed(int index, FerryException cause) {
        FerryException[] causes = failures;
        if (causes == null) {
            FAILURE_ARRAY.compareAndSet(this, (FerryException[]) null, new FerryException[descriptors.size()]);
            causes = failures;
        }
        if (FAILURES.compareAndSet(causes, index, (FerryException) null, cause)) {
            FAILURE_COUNT.getAndAdd(this, 1);
        }
    }

    boolean hasFailed(int index) {
        FerryException[] causes = failures;
        return causes != null && (FerryException) FAILURES.getAcquire(causes, index) != null;
    }

    /** A backend part is done with the post; the last one completes the transfer. */
    void partCompleted() {
        if ((int) PARTS_LEFT.getAndAdd(this, -1) == 1) {
            finish();
        }
    }

    private void finish() {
        TransferState end = failureCount == 0 ? TransferState.DONE
                : cancelRequested ? TransferState.CANCELLED : TransferState.FAILED;
        // A volatile store (in the CAS): the read of the waiter below must not move before it (a lost wake-up otherwise).
        if (!moveTo(TransferState.IN_PROGRESS, end)) {
            moveTo(TransferState.POSTED, end);
        }
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        Consumer<TransferStatus> listener = completionListener;
        if (listener != null) {
            try {
                listener.accept(status());
            } catch (RuntimeException e) {
                // The completing thread is a backend's duty cycle: the error must not unwind it.
                LISTENER_ERRORS.log(System.Logger.Level.ERROR, "completion listener of a transfer failed", e);
            }
        }
    }
}
