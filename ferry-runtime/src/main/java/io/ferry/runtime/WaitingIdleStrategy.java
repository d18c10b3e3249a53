package io.ferry.runtime;

import java.util.Objects;

/**
 * Spins a few cycles, then waits in a component that can wake up as soon as it has work, such as
 * {@code RemoteBackend::awaitActivity}, which waits in the selector of its connections: no CPU is
 * spent while the network is quiet, and no latency is added when it is not (unlike parking for a
 * fixed time). Only for threads whose other components never need to be polled while it waits.
 */
public final class WaitingIdleStrategy implements IdleStrategy {
    /** Waits up to {@code timeoutNs} and returns as soon as there is work. */
    @FunctionalInterface
    public interface Waiter {
        void await(long timeoutNs);
    }

    /** Idle cycles that only spin before waiting. */
    public static final int DEFAULT_SPINS = 20;
    /** The longest single wait; a bound, so that a missed wake-up costs at most this much. */
    public static final long DEFAULT_MAX_WAIT_NS = 1_000_000L;

    private final Waiter waiter;
    private final int maxSpins;
    private final long maxWaitNs;
    private int spins;

    public WaitingIdleStrategy(Waiter waiter) {
        this(waiter, DEFAULT_SPINS, DEFAULT_MAX_WAIT_NS);
    }

    public WaitingIdleStrategy(Waiter waiter, int maxSpins, long maxWaitNs) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        if (maxSpins < 0 || maxWaitNs <= 0) {
            throw new IllegalArgumentException("maxSpins must be >= 0 and maxWaitNs > 0");
        }
        this.maxSpins = maxSpins;
        this.maxWaitNs = maxWaitNs;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            spins = 0;
        } else if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else {
            waiter.await(maxWaitNs);
        }
    }

    @Override
    public void reset() {
        spins = 0;
    }

    @Override
    public String toString() {
        return "waiting(spins " + maxSpins + ", max wait " + maxWaitNs + " ns)";
    }
}
