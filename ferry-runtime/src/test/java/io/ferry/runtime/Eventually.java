package io.ferry.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits for conditions that other threads make true, with a generous timeout. */
final class Eventually {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails the test after {@link #TIMEOUT}. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + TIMEOUT + " for: " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Names of the live threads whose name starts with {@code prefix}. */
    static List<String> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}
