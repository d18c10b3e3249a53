package io.ferry.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchResultTest {
    static final LatencyPercentiles LATENCY = new LatencyPercentiles(9.5, 12.0, 30.0, 45.5, 120.0);

    static BenchResult result(BenchOp op, long blockSizeBytes, int batchSize, long bytes, double seconds, long transfers) {
        return new BenchResult(op, "psync", false, blockSizeBytes, batchSize, 1, 1, bytes, seconds, transfers,
                10.5, LATENCY, 3.0, 4.0, 1.25, 2.0, 9.25, 20.0, 0.25, null);
    }

    @Test
    void shouldComputeBandwidthInDecimalGigabytesPerSecond() {
        BenchResult result = result(BenchOp.READ, 4096, 1, 3_000_000_000L, 2.0, 732_421);

        assertThat(result.bandwidthGBps()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void shouldCountEveryDescriptorOfABatchAsOneIo() {
        BenchResult result = result(BenchOp.WRITE, 65536, 4, 1_000 * 4 * 65536L, 0.5, 1_000);

        assertThat(result.descriptors()).isEqualTo(4_000);
        assertThat(result.iops()).isCloseTo(8_000.0, within(1e-9));
        assertThat(result.bandwidthGBps()).isCloseTo(0.524288, within(1e-12));
    }

    @Test
    void shouldChargeTheCpuTimeOfTheRowToEachGigabyteMoved() {
        BenchResult result = result(BenchOp.READ, 1 << 20, 1, 500_000_000L, 1.0, 476);

        assertThat(result.cpuSecondsPerGB()).isCloseTo(0.5, within(1e-12));
        assertThat(result(BenchOp.READ, 4096, 1, 0, 1.0, 0).cpuSecondsPerGB()).isNaN();
    }

    @Test
    void shouldReportZeroRatesWhenNoTimeWasMeasured() {
        BenchResult result = result(BenchOp.READ, 4096, 1, 0, 0.0, 0);

        assertThat(result.iops()).isZero();
        assertThat(result.bandwidthGBps()).isZero();
    }
}
