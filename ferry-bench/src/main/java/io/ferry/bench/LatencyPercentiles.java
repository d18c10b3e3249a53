package io.ferry.bench;

/**
 * The latency distribution of a row as fio prints it: the 50th, 90th, 99th and 99.9th percentiles
 * and the largest value, in microseconds. A figure that was not measured is NaN.
 *
 * @param p50Us  the median
 * @param p90Us  the 90th percentile
 * @param p99Us  the 99th percentile
 * @param p999Us the 99.9th percentile
 * @param maxUs  the largest value
 */
public record LatencyPercentiles(double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
    /** Nothing measured: every figure NaN. */
    public static final LatencyPercentiles NONE =
            new LatencyPercentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The figures of {@code stats}; 0 each when nothing was recorded. */
    static LatencyPercentiles of(LatencyStats stats) {
        return new LatencyPercentiles(stats.percentileUs(50), stats.percentileUs(90), stats.percentileUs(99),
                stats.percentileUs(99.9), stats.percentileUs(100));
    }
}
