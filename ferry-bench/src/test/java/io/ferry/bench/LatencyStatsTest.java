package io.ferry.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyStatsTest {
    @Test
    void shouldGiveMeanAndP99OfOneToHundredMicroseconds() {
        LatencyStats stats = new LatencyStats();
        for (int us = 1; us <= 100; us++) {
            stats.recordNs(us * 1_000L);
        }

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.meanUs()).isCloseTo(50.5, within(0.05));
        assertThat(stats.p99Us()).isCloseTo(99.0, within(0.1));
        assertThat(stats.percentileUs(50)).isCloseTo(50.0, within(0.05));
    }

    @Test
    void shouldGiveThePercentilesFioPrintsAndTheMaximum() {
        LatencyStats stats = new LatencyStats();
        for (int us = 1; us <= 1000; us++) {
            stats.recordNs(us * 1_000L);
        }

        LatencyPercentiles percentiles = LatencyPercentiles.of(stats);

        assertThat(percentiles.p50Us()).isCloseTo(500.0, within(0.5));
        assertThat(percentiles.p90Us()).isCloseTo(900.0, within(0.5));
        assertThat(percentiles.p99Us()).isCloseTo(990.0, within(0.5));
        assertThat(percentiles.p999Us()).isCloseTo(999.0, within(0.5));
        assertThat(percentiles.maxUs()).isCloseTo(1000.0, within(0.5));
    }

    @Test
    void shouldReportZeroWhenEmpty() {
        LatencyStats stats = new LatencyStats();

        assertThat(stats.meanUs()).isZero();
        assertThat(stats.p99Us()).isZero();
    }

    @Test
    void shouldForgetValuesOnReset() {
        LatencyStats stats = new LatencyStats();
        stats.recordNs(5_000);

        stats.reset();

        assertThat(stats.count()).isZero();
        assertThat(stats.meanUs()).isZero();
    }

    @Test
    void shouldClampValuesOutsideTheTrackableRange() {
        LatencyStats stats = new LatencyStats();
        stats.recordNs(-7);
        stats.recordNs(Long.MAX_VALUE);

        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.percentileUs(0)).isZero();
        assertThat(stats.percentileUs(100) * 1_000)
                .isCloseTo(LatencyStats.HIGHEST_TRACKABLE_NS, within(LatencyStats.HIGHEST_TRACKABLE_NS / 500.0));
    }
}
