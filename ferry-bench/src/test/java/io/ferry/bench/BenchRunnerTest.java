package io.ferry.bench;

import io.ferry.settings.Settings;
import io.ferry.testkit.DirectIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchRunnerTest {
    @TempDir
    Path directory;

    @Test
    void shouldRunATinySweepWithVerificationAndReportIt() throws IOException {
        BenchConfig config = BenchConfig.builder()
                .filename(directory.resolve("bench.dat"))
                .fileSizeBytes(4L << 20)
                .blockSizes(4096, 65536)
                .operations(BenchOp.WRITE, BenchOp.READ)
                .runtimeNs(50_000_000L)
                .warmupNs(10_000_000L)
                .verify(true)
                .ioDepth(2)
                .batchSize(2)
                .settings(Settings.defaults())
                .build();
        RecordingListener listener = new RecordingListener();

        List<BenchRow> rows = BenchRunner.run(config, listener);
        List<BenchResult> results = rows.stream().map(BenchRow::ferry).toList();

        assertThat(results).extracting(BenchResult::op, BenchResult::blockSizeBytes).containsExactly(
                tuple(BenchOp.WRITE, 4096L),
                tuple(BenchOp.WRITE, 65536L),
                tuple(BenchOp.READ, 4096L),
                tuple(BenchOp.READ, 65536L));
        for (BenchResult result : results) {
            assertThat(result.bytes()).isPositive().isEqualTo(result.transfers() * 2 * result.blockSizeBytes());
            assertThat(result.seconds()).isPositive();
            assertThat(result.batchSize()).isEqualTo(2);
            assertThat(result.ioDepth()).isEqualTo(2);
            assertThat(result.engine()).isEqualTo("psync");
            assertThat(result.avgTxUs()).isPositive();
            assertThat(result.lat().p50Us()).isPositive().isLessThanOrEqualTo(result.lat().p90Us());
            assertThat(result.lat().p99Us()).isLessThanOrEqualTo(result.lat().p999Us()).isLessThanOrEqualTo(result.lat().maxUs());
            assertThat(result.avgPrepUs()).isPositive();
            // Measured, not NaN; it may be 0: the process CPU clock ticks every 10 ms, and a short row on a
            // loaded machine can fall between two ticks.
            assertThat(result.cpuSeconds()).isNotNegative().isFinite();
            assertThat(result.cpuSecondsPerGB()).isNotNegative().isFinite();
        }
        assertThat(listener.started).containsExactly("WRITE 4096 0/4", "WRITE 65536 1/4", "READ 4096 2/4", "READ 65536 3/4");
        assertThat(listener.finished).isEqualTo(results);
        assertThat(listener.fractions).isSorted().last().isEqualTo(1.0);

        List<Map<String, Object>> objects = JsonReporterTest.results(rows);
        assertThat(objects).hasSize(results.size());
        for (Map<String, Object> object : objects) {
            assertThat(object.keySet()).containsAll(JsonReporterTest.KEYS);
            for (String key : JsonReporterTest.NUMBER_KEYS) {
                assertThat(object.get(key)).as(key).isInstanceOf(Double.class);
            }
        }

        MiniCsv csv = MiniCsv.parse(CsvReporterTest.csv(rows));
        assertThat(csv.header()).containsExactlyElementsOf(JsonReporterTest.KEYS);
        assertThat(csv.rows()).hasSize(results.size()).allSatisfy(row -> assertThat(row).hasSameSizeAs(csv.header()));

        String html = HtmlReporterTest.report(directory, rows);
        assertThat(html.split("<tr><td class=\"number\">", -1)).hasSize(results.size() + 1);
        assertThat(HtmlReporterTest.images(html)).hasSize(2);

        String table = TableReporterTest.table(results);
        assertThat(table.lines().filter(line -> line.startsWith("Block Size (B)"))).hasSize(2)
                .allSatisfy(header -> assertThat(header).contains(TableReporter.COLUMNS));
    }

    @Test
    void shouldRunWithDirectIoWhereTheFileSystemSupportsIt() {
        Path path = directory.resolve("direct.dat");
        assumeTrue(DirectIo.isSupportedIn(directory), "the file system of " + directory + " does not support O_DIRECT");
        BenchConfig config = BenchConfig.builder()
                .filename(path)
                .fileSizeBytes(1L << 20)
                .blockSizes(4096, 65536)
                .runtimeNs(20_000_000L)
                .warmupNs(0)
                .direct(true)
                .verify(true)
                .ioDepth(3)
                .settings(Settings.defaults())
                .build();

        List<BenchResult> results = BenchRunner.run(config, BenchListener.NO_OP).stream().map(BenchRow::ferry).toList();

        assertThat(results).hasSize(4).allSatisfy(result -> {
            assertThat(result.direct()).isTrue();
            assertThat(result.bytes()).isPositive();
        });
    }

    @Test
    void shouldMixReadsAndWritesAndLeaveThePatternInPlace() {
        BenchConfig config = BenchConfig.builder()
                .filename(directory.resolve("mixed.dat"))
                .fileSizeBytes(1L << 20)
                .blockSizes(4096, 65536)
                .operations(BenchOp.RANDRW, BenchOp.RW)
                .rwMixRead(70)
                .runtimeNs(30_000_000L)
                .warmupNs(0)
                .verify(true)
                .ioDepth(3)
                .batchSize(2)
                .settings(Settings.defaults())
                .build();

        // Verification after each row reads the whole file back: every write put the pattern where it belongs.
        List<BenchResult> results = BenchRunner.run(config, BenchListener.NO_OP).stream().map(BenchRow::ferry).toList();

        assertThat(results).extracting(BenchResult::op).containsExactly(BenchOp.RANDRW, BenchOp.RANDRW, BenchOp.RW, BenchOp.RW);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.transfers()).isPositive();
            assertThat(result.bytes()).isEqualTo(result.transfers() * 2 * result.blockSizeBytes());
        });
    }

    @Test
    void shouldCountTheIosOnRegisteredBuffersAndFilesOnIoUring() {
        assumeTrue(io.ferry.file.FileEngines.builtins().find("io_uring").support().supported(),
                "io_uring is not available here");
        BenchConfig config = BenchConfig.builder()
                .filename(directory.resolve("ring.dat"))
                .fileSizeBytes(4L << 20)
                .blockSizes(65536, 1 << 20)
                .operations(BenchOp.WRITE, BenchOp.RANDWRITE)
                .engine("io_uring")
                .numberIos(64)
                .warmupNs(0)
                .verify(true)
                .ioDepth(4)
                .settings(Settings.defaults())
                .build();

        List<BenchResult> results = BenchRunner.run(config, BenchListener.NO_OP).stream().map(BenchRow::ferry).toList();

        long maxIoBytes = Settings.defaults().get(io.ferry.file.FileSettings.MAX_IO_SIZE);
        assertThat(results).hasSize(4).allSatisfy(result -> {
            long ios = result.descriptors() * ((result.blockSizeBytes() + maxIoBytes - 1) / maxIoBytes);
            assertThat(result.registered()).as("%s %d", result.op(), result.blockSizeBytes())
                    .isEqualTo(new io.ferry.spi.RegisteredIo(ios, 0, 0, 0, ios, 0, ""));
        });
        assertThat(BenchRunner.run(config.toBuilder().engine("psync").allowOverwrite(true).build(), BenchListener.NO_OP))
                .allSatisfy(row -> assertThat(row.ferry().registered()).isNull());
    }

    @Test
    void shouldGiveEachHundredTransfersExactlyTheShareOfReads() {
        for (int percent : new int[] {0, 1, 30, 50, 70, 99, 100}) {
            TransferPump.Mix mix = new TransferPump.Mix(null, null, percent);
            for (long start : new long[] {0, 7, 12_345}) {
                long reads = java.util.stream.LongStream.range(start, start + 100).filter(mix::reads).count();
                assertThat(reads).as("%d%% from transfer %d", percent, start).isEqualTo(percent);
            }
        }
        TransferPump.Mix half = new TransferPump.Mix(null, null, 50);
        assertThat(java.util.stream.LongStream.range(0, 4).mapToObj(half::reads)).as("spread evenly")
                .containsExactly(false, true, false, true);
    }

    private static final class RecordingListener implements BenchListener {
        final List<String> started = new ArrayList<>();
        final List<Double> fractions = new ArrayList<>();
        final List<BenchResult> finished = new ArrayList<>();

        @Override
        public void rowStarted(RowSpec row, int rowIndex, int rowCount) {
            started.add(row.op().name() + " " + row.blockSizeBytes() + " " + rowIndex + "/" + rowCount);
        }

        @Override
        public void progress(double fractionDone) {
            fractions.add(fractionDone);
        }

        @Override
        public void rowFinished(BenchRow row) {
            finished.add(row.ferry());
        }
    }
}
