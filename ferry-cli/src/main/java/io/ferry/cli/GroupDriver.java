package io.ferry.cli;

import io.ferry.poll.IdleStrategy;
import io.ferry.poll.PollGroup;

import java.util.function.BooleanSupplier;

/**
 * Drives a poll group on the command's own thread until a condition holds, idling in the group's
 * waiter (its network loop) with a back-off ({@link LongParkIdle}), and calling {@code tick} about
 * five times a second (for a progress bar).
 */
final class GroupDriver {
    private static final long TICK_NS = 200_000_000L;

    private GroupDriver() {
    }

    static void runUntil(PollGroup group, BooleanSupplier done, Runnable tick) {
        IdleStrategy idle = LongParkIdle.create();
        long nextTick = System.nanoTime();
        while (!done.getAsBoolean()) {
            idle.idle(group.poll(), group.waiter());
            if (System.nanoTime() - nextTick >= 0) {
                tick.run();
                nextTick = System.nanoTime() + TICK_NS;
            }
        }
        tick.run();
    }
}
