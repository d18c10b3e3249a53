package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchOp;
import io.ferry.bench.LatencyPercentiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Parses terse lines captured from fio 3.33 on the development machine. */
class FioTerseTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = FioTerseTest.class.getResourceAsStream("/fio/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadTheReadSideOfAReadJob() throws IOException {
        FioTerse.Figures figures = FioTerse.parse(resource("terse-read-4k.txt"), BenchOp.READ, 1);

        assertThat(figures.iops()).isEqualTo(991179);
        assertThat(figures.bandwidthGBps()).isCloseTo(3964717L * 1024 / 1e9, within(1e-9));
        assertThat(figures.avgLatUs()).isCloseTo(0.828860, within(1e-9));
        assertThat(figures.lat()).isEqualTo(new LatencyPercentiles(0, 1, 1, 1, 74));
        // usr 15.666667% + sys 83.666667% of 301 ms, over 1193380 KiB.
        assertThat(figures.cpuSecondsPerGB()).isCloseTo(0.99333334 * 0.301 / (1193380 * 1024 / 1e9), within(1e-9));
    }

    @Test
    void shouldReadTheWriteSideOfAWriteJobOfTwoThreads() throws IOException {
        FioTerse.Figures figures = FioTerse.parse(resource("terse-randwrite-64k-2jobs.txt"), BenchOp.RANDWRITE, 2);

        assertThat(figures.iops()).isEqualTo(105843);
        assertThat(figures.bandwidthGBps()).isCloseTo(6774006L * 1024 / 1e9, within(1e-9));
        assertThat(figures.avgLatUs()).isCloseTo(18.368481, within(1e-9));
        assertThat(figures.lat()).isEqualTo(new LatencyPercentiles(16, 23, 37, 244, 4071));
        // usr 1.666667% + sys 92.666667% of each job's 301 ms, two jobs, over 2038976 KiB.
        assertThat(figures.cpuSecondsPerGB()).isCloseTo(0.94333334 * 0.301 * 2 / (2038976 * 1024 / 1e9), within(1e-9));
        assertThat(FioTerse.parse(resource("terse-randwrite-64k-2jobs.txt"), BenchOp.READ, 2).iops()).isZero();
    }

    @Test
    void shouldAddBothSidesOfAMixedJob() throws IOException {
        FioTerse.Figures figures = FioTerse.parse(resource("terse-randrw-4k-70.txt"), BenchOp.RANDRW, 1);

        assertThat(figures.iops()).isEqualTo(5636 + 2471);
        assertThat(figures.bandwidthGBps()).isCloseTo((22547 + 9887) * 1024L / 1e9, within(1e-9));
        assertThat(figures.avgLatUs()).isCloseTo((173.768079 * 5636 + 5.525134 * 2471) / (5636 + 2471), within(1e-9));
        assertThat(figures.lat()).as("percentiles of two sides cannot be combined").isEqualTo(LatencyPercentiles.NONE);
        assertThat(figures.cpuSecondsPerGB()).isCloseTo((5.960265 + 22.847682) / 100 * 0.303 / ((6832 + 2996) * 1024L / 1e9),
                within(1e-9));
    }

    @Test
    void shouldExplainOutputWithoutATerseLine() {
        assertThatThrownBy(() -> FioTerse.parse("fio: some warning\nno data", BenchOp.READ, 1))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.IO_ERROR);
                    assertThat(e.getMessage()).contains("no terse version 3 line", "fio: some warning");
                });
        assertThatThrownBy(() -> FioTerse.parse("3;fio-3.33;x;0;0;1;2", BenchOp.READ, 1)).hasMessageContaining("7 fields");
    }
}
