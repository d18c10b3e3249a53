package io.ferry.bench;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Durations recorded in nanoseconds into an HdrHistogram (three significant digits), summarised
 * in microseconds. Recording allocates nothing; values beyond one hour are recorded as one hour.
 * Owned by one thread.
 */
final class LatencyStats {
    /** The largest duration told apart; longer ones are clamped to it. */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.HOURS.toNanos(1);

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NS_PER_US = 1_000.0;

    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);

    /** Records one duration; negative values count as 0. */
    void recordNs(long durationNs) {
        histogram.recordValue(Math.clamp(durationNs, 0, HIGHEST_TRACKABLE_NS));
    }

    /** Forgets every value. */
    void reset() {
        histogram.reset();
    }

    /** How many durations were recorded. */
    long count() {
        return histogram.getTotalCount();
    }

    /** The mean, or 0 when nothing was recorded. */
    double meanUs() {
        return count() == 0 ? 0 : histogram.getMean() / NS_PER_US;
    }

    /** The 99th percentile, or 0 when nothing was recorded. */
    double p99Us() {
        return percentileUs(99.0);
    }

    /** The value below which {@code percentile} percent of the durations lie, or 0 when nothing was recorded. */
    double percentileUs(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / NS_PER_US;
    }
}
