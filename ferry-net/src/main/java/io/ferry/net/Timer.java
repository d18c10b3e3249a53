package io.ferry.net;

import java.util.Objects;

/**
 * A deadline of a {@link NetLoop}: when it passes, the loop runs the timer's action on its own
 * thread, during a {@link NetLoop#poll()}. A timer is made once and scheduled again and again
 * (timeouts, back-off, keep-alive), so nothing is allocated per schedule.
 *
 * <p>Threads: owned by the loop's thread, like the loop.
 */
public final class Timer {
    private final TimerQueue queue;
    private final Runnable action;
    long deadlineNs;
    /** The timer's place in the queue's heap, or -1 when not scheduled. */
    int heapIndex = -1;

    Timer(TimerQueue queue, Runnable action) {
        this.queue = queue;
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Runs the action once {@link System#nanoTime()} reaches {@code deadlineNs}; replaces an earlier schedule. */
    public void schedule(long deadlineNs) {
        queue.schedule(this, deadlineNs);
    }

    /** Runs the action {@code delayNs} after the loop's current time. */
    public void scheduleAfter(long delayNs) {
        queue.schedule(this, queue.nowNs() + delayNs);
    }

    /** Unschedules the timer; does nothing when it is not scheduled. */
    public void cancel() {
        queue.cancel(this);
    }

    /** Whether the timer is scheduled: its deadline has not yet fired, and it was not cancelled. */
    public boolean isScheduled() {
        return heapIndex >= 0;
    }

    /** The deadline of the current schedule, in {@link System#nanoTime()} units. */
    public long deadlineNs() {
        return deadlineNs;
    }

    void fire() {
        action.run();
    }
}
