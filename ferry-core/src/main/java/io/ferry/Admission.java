package io.ferry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-flight limit of one backend ({@link io.ferry.settings.CoreSettings#MAX_TRANSFERS_IN_FLIGHT}),
 * written once for every backend: a post beyond it fails with {@link ErrorCode#QUEUE_FULL} instead
 * of blocking, and backends size their hand-off queues by the limit so an admitted post always fits.
 */
final class Admission {
    private final String backend;
    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    Admission(String backend, int limit) {
        this.backend = backend;
        this.limit = limit;
    }

    /** Counts a post in flight. */
    void admit() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            throw new FerryException(ErrorCode.QUEUE_FULL, limit + " transfers are in flight on the " + backend
                    + " backend (MAX_TRANSFERS_IN_FLIGHT); await some first");
        }
    }

    /** A post ended. */
    void retire() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
