package io.ferry;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many of an agent's transfers are in each {@link TransferState} (RELEASED: released so far),
 * kept by the transfers' one transition method: a transfer that seems stuck shows up here, and its
 * own state says where.
 */
final class TransferCounts {
    private final AtomicLongArray counts = new AtomicLongArray(TransferState.values().length);

    void entered(TransferState state) {
        counts.incrementAndGet(state.ordinal());
    }

    void left(TransferState state) {
        counts.decrementAndGet(state.ordinal());
    }

    long count(TransferState state) {
        return counts.get(state.ordinal());
    }
}
