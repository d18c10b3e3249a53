package io.ferry.runtime;

/**
 * Receives what a {@link io.ferry.Pollable} threw during a duty cycle. The poll group has already
 * counted the error and keeps running after the handler returns.
 *
 * <p>Threads: called on the thread of the poll group whose pollable failed (its name is the
 * current thread's name); it must be quick and must not close that group.
 */
@FunctionalInterface
public interface ErrorHandler {
    /** Handles one error thrown by a pollable. */
    void onError(Throwable error);

    /** The default handler: logs the error at WARNING through {@link System.Logger}, naming the thread. */
    static ErrorHandler logging() {
        System.Logger logger = System.getLogger(PollGroup.class.getName());
        return error -> logger.log(System.Logger.Level.WARNING,
                "a pollable of poll group " + Thread.currentThread().getName() + " failed", error);
    }
}
