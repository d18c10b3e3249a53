package io.ferry.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldShowBytesRateAndTimeLeftWithinTheWidth() {
        String line = ProgressLine.format("get", 512L << 20, 2L << 30, true, 250e6, 80);

        assertThat(line).startsWith("get  25% [").contains("512.00 MiB / 2.00 GiB", "250.0 MB/s", "ETA 0:07");
        assertThat(line).hasSizeLessThanOrEqualTo(80);
    }

    @Test
    void shouldDropTheBarBeforeCuttingTheLine() {
        assertThat(ProgressLine.format("get", 1, 2, true, 0, 40)).doesNotContain("[").hasSizeLessThanOrEqualTo(40);
        assertThat(ProgressLine.format("copy", 1, 2, false, 0, 30)).startsWith("copy  50% [").hasSizeLessThanOrEqualTo(30);
    }

    @Test
    void shouldSayTheTimeLeftIsUnknownUntilTheRateIs() {
        assertThat(ProgressLine.eta(100, 0)).isEqualTo("?");
        assertThat(ProgressLine.eta(0, 0)).isEqualTo("0:00");
        assertThat(ProgressLine.eta(7200, 1)).isEqualTo("2:00:00");
    }

    @Test
    void shouldTakeTheRateOverTheWindowNotSinceTheStart() {
        RateWindow window = new RateWindow(40, 3 * SECOND);
        window.add(0, 0);
        window.add(SECOND, 10);
        assertThat(window.perSecond()).isEqualTo(10.0);
        for (int second = 2; second <= 10; second++) {
            window.add(second * SECOND, 10 + (second - 1) * 1000L);
        }

        assertThat(window.perSecond()).as("the slow first second is out of the window").isEqualTo(1000.0);
    }

    @Test
    void shouldKnowNoRateFromOneSample() {
        RateWindow window = new RateWindow(4, SECOND);
        assertThat(window.perSecond()).isZero();
        window.add(5, 100);
        assertThat(window.perSecond()).isZero();
    }

    @Test
    void shouldPrintRatesInUnitsThatFitThem() {
        assertThat(Units.rate(17)).isEqualTo("17 B/s");
        assertThat(Units.rate(12_345)).isEqualTo("12.35 kB/s");
        assertThat(Units.rate(850e6)).isEqualTo("850.0 MB/s");
        assertThat(Units.rate(1.05e9)).isEqualTo("1.05 GB/s");
        assertThat(Units.binary(17)).isEqualTo("17 B");
        assertThat(Units.binary(1536)).isEqualTo("1.50 KiB");
        assertThat(Units.binary(3L << 30)).isEqualTo("3.00 GiB");
    }

    @Test
    void shouldShowBytesAndRateWithoutATotal() {
        assertThat(ProgressLine.format("put", 512L << 20, -1, true, 250e6, 80)).isEqualTo("put  512.00 MiB  250.0 MB/s");
        assertThat(ProgressLine.format("put", 512L << 20, -1, true, 250e6, 10)).hasSize(10);
    }
}
