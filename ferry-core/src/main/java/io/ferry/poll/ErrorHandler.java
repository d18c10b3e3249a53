package io.ferry.poll;

/**
 * Receives what a component threw during a duty cycle, or reported through
 * {@link PollGroup#reportError(Throwable)}. The poll group has already counted the error and keeps
 * running after the handler returns.
 *
 * <p>Threads: called on the thread of the poll group (its owner); it must be quick and must not
 * close that group.
 */
@FunctionalInterface
public interface ErrorHandler {
    /** Handles one error of a component. */
    void onError(Throwable error);

    /** The default handler: logs the error at WARNING through {@link System.Logger}, naming the thread. */
    static ErrorHandler logging() {
        System.Logger logger = System.getLogger(PollGroup.class.getName());
        return error -> logger.log(System.Logger.Level.WARNING,
                "a component of poll group " + Thread.currentThread().getName() + " failed", error);
    }
}
