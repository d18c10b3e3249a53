package io.ferry.poll;

import io.ferry.Pollable;

import java.util.Objects;

/**
 * A polled component with a lifecycle on its owning thread, as Agrona's Agent: a poll group calls
 * {@link #onStart(PollGroup)} once before the first {@link #poll()}, then polls it every duty
 * cycle, then calls {@link #onClose()} once, all on the group's thread. Its owner never changes
 * behind its back: it moves to another group only by being removed and added again.
 */
public interface Component extends Pollable {
    /** A name for diagnostics, such as {@code file-shard-0}. */
    String name();

    /**
     * The component now belongs to {@code group}: open what must be opened on the owning thread,
     * find the group's services (its network loop: {@code NetLoop.of(group)}). A component that
     * throws here is not polled; the group reports the error and still calls {@link #onClose()}.
     */
    default void onStart(PollGroup group) {
    }

    /** The group lets go of the component (it was removed, or the group closes): free what it owns. Called once. */
    default void onClose() {
    }

    /**
     * A descriptor that polls readable while the component has completions to reap (its I/O queue's
     * {@code readyFd}), which whoever waits for it may {@linkplain Waiter#watch watch}, so that it
     * sleeps until one arrives; -1 when the component has none (its work completes during its polls,
     * or arrives through sockets and hand-offs that end a wait anyway). Valid from
     * {@link #onStart(PollGroup)} until {@link #onClose()}.
     */
    default int readyFd() {
        return -1;
    }

    /** A component that only polls {@code pollable}, for small duties of an application. */
    static Component of(String name, Pollable pollable) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pollable, "pollable");
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int poll() {
                return pollable.poll();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
