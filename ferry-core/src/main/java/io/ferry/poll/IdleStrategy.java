package io.ferry.poll;

/**
 * How a thread waits between duty cycles. The owner calls {@link #idle(int, Waiter)} after every
 * cycle with the work the cycle did: a positive count means there may be more work at once, so the
 * strategy returns immediately and starts any back-off over; zero means the strategy may spin,
 * yield or wait, longer the longer nothing happens. A strategy never sleeps on its own: when it
 * waits, it waits in the poll group's {@link Waiter}, which a socket, a timer or a hand-off from
 * another thread ends at once.
 *
 * <p>Threads: an instance holds the back-off state of one thread and is used only by that thread.
 */
public interface IdleStrategy {
    /** Called after a duty cycle that did {@code workCount} items of work; waits (in {@code waiter}) only when it is 0. */
    void idle(int workCount, Waiter waiter);

    /** Forgets any back-off, as if work had just been done. */
    void reset();
}
