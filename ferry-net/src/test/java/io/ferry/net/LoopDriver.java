package io.ferry.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Drives loops on the test's thread until a condition holds, failing after a bound. */
final class LoopDriver {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private LoopDriver() {
    }

    static void pollUntil(BooleanSupplier done, NetLoop... loops) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("condition not reached within " + BOUND);
            }
            int work = 0;
            for (NetLoop loop : loops) {
                work += loop.poll();
            }
            if (work == 0 && loops.length == 1) {
                loops[0].await(1_000_000L);
            }
        }
    }
}
