package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchConfigBuilder;
import io.ferry.bench.BenchOp;
import io.ferry.bench.RowSpec;
import io.ferry.spi.RegisteredIo;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FioJobTest {
    private static final Path FILE = Path.of("/data/bench.dat");

    private static BenchConfigBuilder config() {
        return BenchConfig.builder().settings(Settings.defaults()).fileSizeBytes(64L << 20)
                .runtimeNs(2_000_000_000L).warmupNs(500_000_000L);
    }

    @Test
    void shouldMapASequentialPsyncReadRow() {
        FioJob job = FioJob.of(config().build(), new RowSpec(BenchOp.READ, 4096, 1), FILE);

        assertThat(job.arguments()).containsExactly("--name=ferry-compare", "--filename=/data/bench.dat", "--rw=read",
                "--bs=4096", "--size=67108864", "--ioengine=psync", "--direct=0", "--numjobs=1", "--thread",
                "--group_reporting", "--invalidate=1", "--time_based", "--runtime=2000ms", "--ramp_time=500ms",
                "--output-format=terse", "--terse-version=3");
        assertThat(job.op()).isEqualTo(BenchOp.READ);
        assertThat(job.timeoutMs()).isEqualTo(2000 + 500 + FioJob.MARGIN_MS);
    }

    @Test
    void shouldMapThreadsDirectRandomWritesAndACountOfIos() {
        BenchConfig config = config().threads(4).direct(true).numberIos(10_000).warmupNs(0).invalidate(false).build();
        FioJob job = FioJob.of(config, new RowSpec(BenchOp.RANDWRITE, 65536, 2), FILE);

        assertThat(job.arguments()).contains("--rw=randwrite", "--bs=65536", "--direct=1", "--numjobs=4",
                "--number_ios=10000", "--invalidate=0").doesNotContain("--time_based").noneMatch(a -> a.startsWith("--ramp_time"))
                .noneMatch(a -> a.startsWith("--iodepth"));
        assertThat(job.op()).isEqualTo(BenchOp.RANDWRITE);
    }

    @Test
    void shouldGiveAMixedJobTheShareOfReads() {
        FioJob job = FioJob.of(config().rwMixRead(70).build(), new RowSpec(BenchOp.RANDRW, 4096, 1), FILE);

        assertThat(job.arguments()).containsSubsequence("--rw=randrw", "--rwmixread=70");
        assertThat(FioJob.of(config().build(), new RowSpec(BenchOp.RW, 4096, 1), FILE).arguments())
                .contains("--rw=rw", "--rwmixread=50");
        assertThat(job.commandLine("fio")).contains("--rw=randrw --rwmixread=70");
    }

    @Test
    void shouldGiveAsynchronousEnginesTheIosInFlightAndTheBatch() {
        BenchConfig config = config().engine("io_uring").ioDepth(8).build();
        FioJob job = FioJob.of(config, new RowSpec(BenchOp.READ, 4096, 4), FILE);

        assertThat(job.arguments()).contains("--ioengine=io_uring", "--iodepth=32", "--iodepth_batch_submit=4");
    }

    @Test
    void shouldRegisterBuffersAndFilesWithFioWhereFerryDid() {
        BenchConfig config = config().engine("io_uring").ioDepth(8).build();
        RowSpec row = new RowSpec(BenchOp.READ, 1 << 20, 1);

        assertThat(FioJob.of(config, row, FILE, new RegisteredIo(100, 0, 0, 0, 100, 0, "")).arguments())
                .contains("--fixedbufs", "--registerfiles");
        assertThat(FioJob.of(config, row, FILE, new RegisteredIo(0, 100, 0, 0, 100, 0, "")).arguments())
                .contains("--registerfiles").doesNotContain("--fixedbufs");
        assertThat(FioJob.of(config, row, FILE).arguments()).doesNotContain("--fixedbufs", "--registerfiles");
    }

    @Test
    void shouldRefuseAnEngineFioDoesNotHave() {
        assertThatThrownBy(() -> FioEngine.of("warp"))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("'warp'", "psync", "io_uring", "libaio");
                });
    }

    @Test
    void shouldQuoteArgumentsThatAShellWouldSplit() {
        FioJob job = FioJob.of(config().build(), new RowSpec(BenchOp.READ, 4096, 1), Path.of("/tmp/my file.dat"));
        assertThat(job.commandLine("fio")).startsWith("fio --name=ferry-compare '--filename=/tmp/my file.dat' --rw=read");
    }
}
