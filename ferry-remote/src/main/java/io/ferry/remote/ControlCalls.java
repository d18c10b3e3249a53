package io.ferry.remote;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.spi.BackendContext;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control calls of one backend in flight on its engine: at most {@link #MAX_IN_FLIGHT}, each
 * counted until the engine lets go of it; running one while the caller waits; and failing those
 * left when the backend closes.
 */
final class ControlCalls {
    /** Control calls (opens, empty creations) in flight at most, beside the transfers. */
    static final int MAX_IN_FLIGHT = 64;

    private final RemoteEngine engine;
    private final BackendContext context;
    private final Duration waitBound;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<ControlSteps<?>> inFlight = ConcurrentHashMap.newKeySet();

    /** {@code waitBound}: how long {@link #run} waits at most, a safety net (see {@link Retries#controlCallBound}). */
    ControlCalls(RemoteEngine engine, BackendContext context, Duration waitBound) {
        this.engine = engine;
        this.context = context;
        this.waitBound = waitBound;
    }

    /**
     * Hands a control call to the engine; any thread.
     *
     * @throws FerryException {@link ErrorCode#QUEUE_FULL} with {@link #MAX_IN_FLIGHT} in flight already
     */
    <T> ControlSteps<T> start(ControlSteps<T> call) {
        if (count.incrementAndGet() > MAX_IN_FLIGHT) {
            count.decrementAndGet();
            throw new FerryException(ErrorCode.QUEUE_FULL, MAX_IN_FLIGHT + " opens are in flight already; wait for one");
        }
        inFlight.add(call);
        call.onRelease(() -> {
            inFlight.remove(call);
            count.decrementAndGet();
        });
        engine.submit(call);
        return call;
    }

    /**
     * Starts a control call and waits for it, named {@code what} in messages: every request of it
     * ends (by an answer, the HTTP timeout or its last retry), so the bound is only a safety net.
     * An interrupt cancels the call.
     */
    <T> T run(ControlSteps<T> call, String what) {
        start(call);
        Thread caller = Thread.currentThread();
        try {
            context.awaitUntil(() -> call.result().isDone() || caller.isInterrupted(), waitBound);
        } catch (FerryException e) {
            call.cancel(e);
            throw e;
        }
        if (!call.result().isDone()) {
            call.cancel(new FerryException(ErrorCode.INTERRUPTED, "interrupted"));
            throw new FerryException(ErrorCode.INTERRUPTED, "interrupted while waiting to " + what + "; it was cancelled");
        }
        try {
            return call.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof FerryException cause ? cause : e;
        }
    }

    /** The backend closes: calls still in flight fail with {@link ErrorCode#CLOSED}. */
    void closeAll() {
        for (ControlSteps<?> call : inFlight) {
            call.cancel(new FerryException(ErrorCode.CLOSED, "the agent was closed"));
        }
    }
}
