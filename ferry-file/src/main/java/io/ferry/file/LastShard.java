package io.ferry.file;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an action once the last of the backend's shards has let go of something that every shard's
 * engine may hold: a closing file (whose descriptors are then closed) or deregistered memory
 * (whose deregistration then completes). Any thread.
 */
final class LastShard {
    private final AtomicInteger holding;
    private final Runnable action;

    LastShard(int shards, Runnable action) {
        this.holding = new AtomicInteger(shards);
        this.action = action;
    }

    /** One shard let go; the last one runs the action. */
    void letGo() {
        if (holding.decrementAndGet() == 0) {
            action.run();
        }
    }
}
