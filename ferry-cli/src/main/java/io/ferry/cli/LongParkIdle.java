package io.ferry.cli;

import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;

/**
 * How the poll groups of the long-running commands ({@code serve}, {@code send}, {@code receive})
 * wait when idle: as the runtime's default, but parking up to 50 ms instead of 1 ms. Everything that
 * brings them work ends a wait at once (their sockets, hand-offs, and the completions of the file
 * engines whose queues their loops watch), so the bound only delays timers' checks; at 1 ms an idle
 * group took 2-4% of a core in wake-ups (a `ferry receive` waiting for its sender: 0.42 CPU s in 10 s).
 */
final class LongParkIdle {
    private static final long PARK_LIMIT_NS = 50_000_000L;

    private LongParkIdle() {
    }

    static IdleStrategy create() {
        return new BackoffIdleStrategy(BackoffIdleStrategy.DEFAULT_MAX_SPINS, BackoffIdleStrategy.DEFAULT_MAX_YIELDS,
                BackoffIdleStrategy.DEFAULT_MIN_PARK_NS, PARK_LIMIT_NS);
    }
}
