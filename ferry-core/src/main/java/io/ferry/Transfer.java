package io.ferry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A prepared list of descriptors with a direction: prepared once by {@link Agent#prepare}, posted
 * again and again, polled for its status, and finally released.
 *
 * <p>Threads: {@link #post()}, {@link #release()} and {@link #await()} are called by the
 * application, one thread at a time. Completion may be reported by another thread (a poll group
 * of the runtime); {@link #state()} and {@link #status()} see it, and a completion listener runs
 * on that thread. Between {@code post()} and completion, the memory and targets of the descriptors
 * belong to the transfer: the application must not touch the memory of a READ nor free either.
 */
public final class Transfer implements AutoCloseable {
    private static final System.Logger LISTENER_ERRORS = System.getLogger(Transfer.class.getName());

    private final Agent agent;
    private final TransferOp op;
    private final List<Descriptor> descriptors;
    private final List<Registration> registrations;
    private final List<TransferPart> parts = new ArrayList<>();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger failureCount = new AtomicInteger();
    private final AtomicReferenceArray<FerryException> failures;
    private volatile TransferState state = TransferState.PREPARED;
    private volatile boolean cancelRequested;
    private volatile Consumer<TransferStatus> completionListener;
    private volatile Thread waiter;

    Transfer(Agent agent, TransferOp op, List<Descriptor> descriptors, List<Registration> registrations) {
        this.agent = agent;
        this.op = op;
        this.descriptors = descriptors;
        this.registrations = registrations;
        this.failures = new AtomicReferenceArray<>(descriptors.size());
    }

    TransferPart addPart(int[] globalIndex) {
        TransferPart part = new TransferPart(this, globalIndex);
        parts.add(part);
        return part;
    }

    public TransferOp op() {
        return op;
    }

    /** The descriptors, in the order given to {@link Agent#prepare}. */
    public List<Descriptor> descriptors() {
        return descriptors;
    }

    /** The current state; cheap, never blocks. */
    public TransferState state() {
        return state;
    }

    /**
     * Starts the transfer, or starts it again after it completed. Fails with
     * {@link ErrorCode#ILLEGAL_STATE} while a previous post is in flight, {@link ErrorCode#CLOSED}
     * when released or when a target was closed, {@link ErrorCode#QUEUE_FULL} when the backend has
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
        for (int i = 0; i < descriptors.size(); i++) {
            if (!descriptors.get(i).memory().scope().isAlive()) {
                throw new FerryException(ErrorCode.CLOSED, "descriptor " + i + ": its memory was freed");
            }
        }
        if (failureCount.get() > 0) {
            for (int i = 0; i < descriptors.size(); i++) {
                failures.setPlain(i, null);
            }
            failureCount.set(0);
        }
        cancelRequested = false;
        remaining.set(descriptors.size());
        state = TransferState.POSTED;
        for (int i = 0; i < parts.size(); i++) {
            try {
                parts.get(i).backendTransfer().post();
            } catch (RuntimeException e) {
                if (i == 0) {
                    state = previous;
                    throw e;
                }
                failRemainingParts(i, e);
                return;
            }
        }
    }

    private void failRemainingParts(int firstFailed, RuntimeException cause) {
        FerryException failure = cause instanceof FerryException f ? f
                : new FerryException(ErrorCode.ILLEGAL_STATE, String.valueOf(cause.getMessage()), cause);
        cancel();
        for (int i = firstFailed; i < parts.size(); i++) {
            TransferPart part = parts.get(i);
            for (int local = 0; local < part.size(); local++) {
                part.descriptorFailed(local, failure);
            }
        }
    }

    /**
     * Asks the backends to stop: descriptors not yet complete end with {@link ErrorCode#CANCELLED},
     * and the transfer ends CANCELLED once I/O already issued has finished. Does nothing when the
     * transfer is not in flight.
     */
    public void cancel() {
        TransferState current = state;
        if (current == TransferState.POSTED || current == TransferState.IN_PROGRESS) {
            cancelRequested = true;
            for (TransferPart part : parts) {
                part.backendTransfer().cancel();
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
        for (int i = 0; i < descriptors.size(); i++) {
            FerryException cause = failures.get(i);
            if (cause != null) {
                Descriptor d = descriptors.get(i);
                list.add(new DescriptorFailure(i, d.target().describe(), d.targetOffset(), d.length(), cause));
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
     * failure: see {@link TransferStatus#throwIfFailed()}). When no runtime drives the agent, the
     * waiting thread drives it by polling; otherwise it parks until woken, and fails with
     * {@link ErrorCode#INTERRUPTED} if the thread is interrupted (the transfer stays in flight).
     */
    public TransferStatus await() {
        return await(null);
    }

    /** Like {@link #await()}, failing with {@link ErrorCode#TIMED_OUT} after {@code timeout}. */
    public TransferStatus await(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
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
            if (agent.isSelfDriven()) {
                if (agent.poll() == 0) {
                    Thread.onSpinWait();
                }
            } else {
                waiter = Thread.currentThread();
                if (!state.isComplete()) {
                    LockSupport.parkNanos(this, 1_000_000L);
                }
                waiter = null;
                if (Thread.currentThread().isInterrupted()) {
                    throw new FerryException(ErrorCode.INTERRUPTED,
                            "interrupted while awaiting the transfer; it is still in flight");
                }
            }
        }
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
        state = TransferState.RELEASED;
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
        if (state == TransferState.POSTED) {
            state = TransferState.IN_PROGRESS;
        }
    }

    void descriptorDone() {
        if (remaining.decrementAndGet() == 0) {
            finish();
        }
    }

    void descriptorFailed(int index, FerryException cause) {
        if (failures.compareAndSet(index, null, cause)) {
            failureCount.incrementAndGet();
        }
        descriptorDone();
    }

    private void finish() {
        TransferState end;
        if (failureCount.get() == 0) {
            end = TransferState.DONE;
        } else {
            end = cancelRequested ? TransferState.CANCELLED : TransferState.FAILED;
        }
        state = end;
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
