package io.ferry.poll;

/**
 * The one place where a poll group waits when its duty cycle found nothing to do: the network loop
 * of the group when it has one (it waits in epoll and wakes for sockets, timers and {@link #wakeup()}),
 * otherwise a parking waiter.
 *
 * <p>Contract: {@link #await(long)} returns at once when {@link #wakeup()} was called since the
 * previous {@code await} returned, so a thread that hands work to the group (offer to a queue, then
 * wake up) is never missed however the two race. {@code wakeup()} is cheap when the owner is not
 * waiting: it makes no system call then.
 *
 * <p>Threads: {@code await} is called by the owning thread only; {@code wakeup} by any thread.
 */
public interface Waiter {
    /** Waits at most {@code timeoutNs} (0: not at all), less when woken or when the waiter's own work is due. */
    void await(long timeoutNs);

    /** Ends a wait in progress, or makes the next one return at once. Any thread. */
    void wakeup();

    /**
     * Makes a wait end while {@code fd} polls readable, for a source that completes on its own, such as
     * a component's {@linkplain Component#readyFd() I/O queue}; false when this waiter cannot (a parking
     * waiter), so that the owner must not wait long while that source has work outstanding. The
     * watch ends when the descriptor closes. Owner thread only.
     */
    default boolean watch(int fd) {
        return false;
    }
}
