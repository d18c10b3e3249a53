package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
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
        FioTerse.Figures figures = FioTerse.parse(resource("terse-read-4k.txt"), TransferOp.READ, 1);

        assertThat(figures.iops()).isEqualTo(991179);
        assertThat(figures.bandwidthGBps()).isCloseTo(3964717L * 1024 / 1e9, within(1e-9));
        assertThat(figures.avgLatUs()).isCloseTo(0.828860, within(1e-9));
        assertThat(figures.lat()).isEqualTo(new LatencyPercentiles(0, 1, 1, 1, 74));
        // usr 15.666667% + sys 83.666667% of 301 ms, over 1193380 KiB.
        assertThat(figures.cpuSecondsPerGB()).isCloseTo(0.99333334 * 0.301 / (1193380 * 1024 / 1e9), within(1e-9));
    }

    @Test
    void shouldReadTheWriteSideOfAWriteJobOfTwoThreads() throws IOException {
        FioTerse.Figures figures = FioTerse.parse(resource("terse-randwrite-64k-2jobs.txt"), TransferOp.WRITE, 2);

        assertThat(figures.iops()).isEqualTo(105843);
        assertThat(figures.bandwidthGBps()).isCloseTo(6774006L * 1024 / 1e9, within(1e-9));
        assertThat(figures.avgLatUs()).isCloseTo(18.368481, within(1e-9));
        assertThat(figures.lat()).isEqualTo(new LatencyPercentiles(16, 23, 37, 244, 4071));
        // usr 1.666667% + sys 92.666667% of each job's 301 ms, two jobs, over 2038976 KiB.
        assertThat(figures.cpuSecondsPerGB()).isCloseTo(0.94333334 * 0.301 * 2 / (2038976 * 1024 / 1e9), within(1e-9));
        assertThat(FioTerse.parse(resource("terse-randwrite-64k-2jobs.txt"), TransferOp.READ, 2).iops()).isZero();
    }

    @Test
    void shouldExplainOutputWithoutATerseLine() {
        assertThatThrownBy(() -> FioTerse.parse("fio: some warning\nno data", TransferOp.READ, 1))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.IO_ERROR);
                    assertThat(e.getMessage()).contains("no terse version 3 line", "fio: some warning");
                });
        assertThatThrownBy(() -> FioTerse.parse("3;fio-3.33;x;0;0;1;2", TransferOp.READ, 1)).hasMessageContaining("7 fields");
    }
}
