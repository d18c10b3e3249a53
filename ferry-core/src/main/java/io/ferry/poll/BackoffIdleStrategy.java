package io.ferry.poll;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * Waits more the longer a thread stays idle: first {@code maxSpins} cycles of
 * {@link Thread#onSpinWait()}, then {@code maxYields} cycles of {@link Thread#yield()}, then waits in
 * the poll group's {@link Waiter}, starting at {@code minParkNs} and doubling after every wait up to
 * {@code maxParkNs}. A cycle that did work starts over at spinning. The waiter ends a wait early for
 * a ready socket, a timer, new work handed over or close.
 *
 * <p>Threads: holds the state of one thread; use one instance per thread.
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    /** Spins of the default strategy. */
    public static final int DEFAULT_MAX_SPINS = 100;
    /** Yields of the default strategy. */
    public static final int DEFAULT_MAX_YIELDS = 10;
    /** First wait of the default strategy: 1 microsecond. */
    public static final long DEFAULT_MIN_PARK_NS = 1_000L;
    /** Longest wait of the default strategy: 1 millisecond. */
    public static final long DEFAULT_MAX_PARK_NS = 1_000_000L;

    /** Where the strategy stands in its progression; visible to tests. */
    enum Phase { SPINNING, YIELDING, PARKING }

    private final int maxSpins;
    private final int maxYields;
    private final long minParkNs;
    private final long maxParkNs;
    private int spins;
    private int yields;
    private long parkNs;

    /** The default strategy: 100 spins, 10 yields, parks from 1 us to 1 ms. */
    public BackoffIdleStrategy() {
        this(DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NS, DEFAULT_MAX_PARK_NS);
    }

    /**
     * A strategy with the given bounds.
     *
     * @param maxSpins  idle cycles that spin before yielding, not negative
     * @param maxYields idle cycles that yield before parking, not negative
     * @param minParkNs the first park, in nanoseconds, at least 1
     * @param maxParkNs the longest park, in nanoseconds, at least {@code minParkNs}
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} when a bound is out of range
     */
    public BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNs, long maxParkNs) {
        if (maxSpins < 0 || maxYields < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "maxSpins and maxYields must not be negative: " + maxSpins + ", " + maxYields);
        }
        if (minParkNs < 1 || maxParkNs < minParkNs) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "need 1 <= minParkNs <= maxParkNs, got " + minParkNs + " and " + maxParkNs);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.parkNs = minParkNs;
    }

    @Override
    public void idle(int workCount, Waiter waiter) {
        if (workCount > 0) {
            reset();
        } else if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            waiter.await(parkNs);
            parkNs = parkNs > maxParkNs / 2 ? maxParkNs : parkNs * 2;
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
        parkNs = minParkNs;
    }

    /** What the next idle cycle will do. */
    Phase phase() {
        if (spins < maxSpins) {
            return Phase.SPINNING;
        }
        return yields < maxYields ? Phase.YIELDING : Phase.PARKING;
    }

    /** How long the next park will last, in nanoseconds. */
    long parkNs() {
        return parkNs;
    }

    @Override
    public String toString() {
        return "backoff(spins=" + maxSpins + ", yields=" + maxYields + ", park " + minParkNs + ".." + maxParkNs + " ns)";
    }
}
