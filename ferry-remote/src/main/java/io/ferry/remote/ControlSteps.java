package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A control call (opening an object, creating an empty one) as a source of requests that the
 * engine runs on its own connections, one at a time, between the tasks of transfers: each step's
 * outcome, reported on the engine's thread, chooses the next request or ends the call with a
 * result or a failure. Nothing here waits; the caller waits on {@link #result()} if it wants to.
 *
 * <p>Steps run on the engine's thread (the poll group's for the multiplexed engine, a worker's for
 * the blocking one), so the state is guarded by this object's lock: two workers may take turns.
 */
abstract class ControlSteps<T> implements TaskSource, HttpTask.TaskOwner {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private HttpTask next;
    private boolean inFlight;
    private boolean released;
    private Runnable onRelease = () -> { };
    private volatile boolean cancelled;

    ControlSteps() {
        // A caller that gives up cancels the future: the request in flight is cut off at once.
        result.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                cancelled = true;
            }
        });
    }

    /** Completes with the call's result, or exceptionally with its {@link FerryException}; from any thread. */
    CompletableFuture<T> result() {
        return result;
    }

    /** Runs {@code action} once the engine is done with the call: it holds no request and no place in the engine's queue. */
    void onRelease(Runnable action) {
        onRelease = action;
    }

    /** Gives up: the request in flight is cut off and the result fails with {@code cause}. */
    void cancel(FerryException cause) {
        cancelled = true;
        result.completeExceptionally(cause);
    }

    /** The request to run next; called by the subclass from its constructor and its step methods. */
    final void then(HttpTask request) {
        next = request;
    }

    /** A step succeeded: choose the next request with {@link #then} or end with {@link #succeed} or {@link #fail}. */
    abstract void stepDone(HttpTask step);

    /** A step failed for good (retries are behind it): as {@link #stepDone}. */
    abstract void stepFailed(HttpTask step, FerryException cause);

    /** Ends the call with {@code value}; {@code false} when the caller gave up first (the value is then unwanted). */
    final boolean succeed(T value) {
        next = null;
        return result.complete(value);
    }

    final void fail(FerryException cause) {
        next = null;
        result.completeExceptionally(cause);
    }

    @Override
    public final synchronized HttpTask nextTask() {
        if (next == null || inFlight) {
            return null;
        }
        if (cancelled) {
            next = null;
            result.completeExceptionally(new FerryException(ErrorCode.CANCELLED, "cancelled"));
            return null;
        }
        inFlight = true;
        return next;
    }

    @Override
    public final synchronized boolean isDrained() {
        boolean drained = !inFlight && next == null;
        if (drained && !released) {
            released = true; // engines ask once more after the last step, then drop the source
            onRelease.run();
        }
        return drained;
    }

    @Override
    public final boolean isCancelled() {
        return cancelled;
    }

    @Override
    public final synchronized void taskDone(HttpTask task) {
        inFlight = false;
        next = null;
        try {
            stepDone(task);
        } catch (FerryException e) {
            fail(e);
        }
    }

    @Override
    public final synchronized void taskFailed(HttpTask task, FerryException cause) {
        inFlight = false;
        next = null;
        try {
            stepFailed(task, cause);
        } catch (FerryException e) {
            fail(e);
        }
    }
}
