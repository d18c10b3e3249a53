package io.ferry;

/**
 * A passive duty cycle. {@link #poll()} does the work that is ready and returns how much it did,
 * never waiting. A pollable is polled by one thread at a time: the thread that owns it.
 */
@FunctionalInterface
public interface Pollable {
    /** Does ready work; returns a count of work items done, 0 when there was nothing to do. */
    int poll();
}
