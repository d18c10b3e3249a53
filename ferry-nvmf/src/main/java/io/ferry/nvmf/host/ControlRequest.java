package io.ferry.nvmf.host;

import io.ferry.FerryException;

/**
 * The outcome of a control call (open, identify, discover) that runs on the engine's thread while
 * the caller waits: written once there, read by the caller after {@link #isDone()}.
 */
final class ControlRequest<T> {
    private volatile T result;
    private volatile FerryException failure;
    private volatile boolean done;

    boolean isDone() {
        return done;
    }

    void succeed(T value) {
        if (!done) {
            result = value;
            done = true;
        }
    }

    void fail(FerryException cause) {
        if (!done) {
            failure = cause;
            done = true;
        }
    }

    /** The result, or the failure thrown; after {@link #isDone()}. */
    T get() {
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
