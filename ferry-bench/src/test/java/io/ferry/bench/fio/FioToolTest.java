package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchOp;
import io.ferry.bench.BenchResult;
import io.ferry.bench.LatencyPercentiles;
import io.ferry.bench.ReferenceResult;
import io.ferry.bench.RowSpec;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FioToolTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayHowToGetFioWhenItIsMissing() {
        assertThatThrownBy(() -> FioTool.probe(dir.resolve("no-such-fio").toString()))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("fio is not available", "apt-get install -y fio");
                });
    }

    @Test
    void shouldRunTheEquivalentJobOnTheSameFile() throws IOException {
        FioTool fio;
        try {
            fio = FioTool.probe();
        } catch (FerryException e) {
            assumeTrue(false, "fio is not installed: " + e.getMessage());
            return;
        }
        Path file = Files.write(dir.resolve("bench.dat"), new byte[8 << 20]);
        BenchConfig config = BenchConfig.builder().settings(Settings.defaults()).fileSizeBytes(8 << 20)
                .runtimeNs(200_000_000L).warmupNs(0).build();

        BenchResult ferry = new BenchResult(BenchOp.READ, "psync", false, 4096, 1, 1, 1, 8 << 20, 0.01, 2048,
                5.0, LatencyPercentiles.NONE, 1.0, 1.0, 1.0, 1.0, 4.0, 4.0, 0.001, null);

        ReferenceResult result = fio.run(config, new RowSpec(BenchOp.READ, 4096, 1), file.toString(), ferry);

        assertThat(fio.version()).startsWith("fio-");
        assertThat(result.tool()).isEqualTo("fio");
        assertThat(result.iops()).isPositive();
        assertThat(result.bandwidthGBps()).isPositive();
        assertThat(result.cpuSecondsPerGB()).as("measured from fio's usr and sys").isPositive().isFinite();
        assertThat(result.lat().p50Us()).isNotNaN().isLessThanOrEqualTo(result.lat().p90Us());
        assertThat(result.lat().p99Us()).isLessThanOrEqualTo(result.lat().p999Us()).isLessThanOrEqualTo(result.lat().maxUs());
        assertThat(result.command()).startsWith("fio --name=ferry-compare --filename=" + file).contains("--rw=read");
    }
}
