package io.ferry.runtime;

/**
 * How a thread waits between duty cycles. The owner calls {@link #idle(int)} after every cycle with
 * the work the cycle did: a positive count means there may be more work at once, so the strategy
 * returns immediately and starts any back-off over; zero means the strategy may spin, yield or
 * park, waiting longer the longer nothing happens.
 *
 * <p>Threads: an instance holds the back-off state of one thread and is used only by that thread.
 */
public interface IdleStrategy {
    /** Called after a duty cycle that did {@code workCount} items of work; waits only when it is 0. */
    void idle(int workCount);

    /** Forgets any back-off, as if work had just been done. */
    void reset();
}
