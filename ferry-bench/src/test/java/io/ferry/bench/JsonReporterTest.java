package io.ferry.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReporterTest {
    static final List<String> KEYS = List.of("op", "engine", "direct", "block_size_bytes", "batch_size", "iodepth", "threads", "bytes",
            "seconds", "transfers", "iops", "bandwidth_gb_per_s", "avg_lat_us", "p50_lat_us", "p90_lat_us", "p99_lat_us",
            "p99_9_lat_us", "max_lat_us", "avg_prep_us", "p99_prep_us",
            "avg_post_us", "p99_post_us", "avg_tx_us", "p99_tx_us", "cpu_seconds_per_gb", "fixed_buffer_ios",
            "unregistered_memory_ios", "refused_buffer_ios", "cached_inline_ios", "fixed_file_ios", "plain_file_ios",
            "buffer_refusal");
    /** The keys whose values are numbers for every engine (the registration counts are io_uring's only). */
    static final List<String> NUMBER_KEYS = KEYS.subList(2, KEYS.indexOf("fixed_buffer_ios"));
    static final List<String> FIO_KEYS = List.of("fio_command", "fio_iops", "fio_bandwidth_gb_per_s", "fio_avg_lat_us",
            "fio_p50_lat_us", "fio_p90_lat_us", "fio_p99_lat_us", "fio_p99_9_lat_us", "fio_max_lat_us", "fio_cpu_seconds_per_gb", "ratio_fio");

    static String json(List<BenchRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), RunInfoTest.sample()).report(rows);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The objects of the report's {@code results}. */
    static List<Map<String, Object>> results(List<BenchRow> rows) {
        return MiniJson.objects(MiniJson.parseObject(json(rows)).get("results"));
    }

    static List<BenchRow> rows(BenchResult... results) {
        return List.of(results).stream().map(r -> new BenchRow(r, List.of())).toList();
    }

    /** A row where fio ran too, at 2000 IOPS. */
    static BenchRow withFio(BenchResult result) {
        return new BenchRow(result, List.of(new ReferenceResult("fio", "fio --name=\"ferry, row\" --rw=read",
                0.5, 2000, 50.0, new LatencyPercentiles(40.0, 60.0, 80.0, 95.0, 300.0), 0.125)));
    }

    @Test
    void shouldWriteOneObjectPerRowWithEveryKey() {
        BenchResult result = BenchResultTest.result(BenchOp.WRITE, 65536, 4, 4_000 * 65536L, 0.5, 1_000);

        List<Map<String, Object>> rows = results(rows(result, result));

        assertThat(rows).hasSize(2);
        Map<String, Object> row = rows.getFirst();
        assertThat(row.keySet()).containsExactlyElementsOf(KEYS);
        assertThat(row.get("op")).isEqualTo("write");
        assertThat(row.get("engine")).isEqualTo("psync");
        assertThat(row.get("direct")).as("0 or 1, as in the config section").isEqualTo(0.0);
        assertThat(row.get("block_size_bytes")).isEqualTo(65536.0);
        assertThat(row.get("iops")).isEqualTo(8000.0);
        assertThat(row.get("bandwidth_gb_per_s")).isEqualTo(result.bandwidthGBps());
        assertThat(row.get("p99_tx_us")).isEqualTo(20.0);
        assertThat(List.of(row.get("p50_lat_us"), row.get("p90_lat_us"), row.get("p99_lat_us"), row.get("p99_9_lat_us"),
                row.get("max_lat_us"))).containsExactly(9.5, 12.0, 30.0, 45.5, 120.0);
        assertThat(row.get("cpu_seconds_per_gb")).isEqualTo(result.cpuSecondsPerGB());
    }

    @Test
    void shouldRecordTheRunBeforeTheResults() {
        Map<String, Object> report = MiniJson.parseObject(json(rows()));

        assertThat(report.keySet()).containsExactly("ferry", "machine", "config", "command_line", "results");
        assertThat(report.get("ferry")).isEqualTo(Map.of("version", "0.1.0", "commit", "abc1234"));
        Map<String, Object> machine = MiniJson.object(report.get("machine"));
        assertThat(machine.keySet()).containsExactlyElementsOf(RunInfoTest.sample().sections().get("machine").keySet());
        assertThat(machine).containsEntry("cpu_model", "AMD EPYC 7B13").containsEntry("fs_type", "ext4")
                .containsEntry("logical_cores", 8.0).containsEntry("memory_bytes", 34_359_738_368.0);
        Map<String, Object> config = MiniJson.object(report.get("config"));
        assertThat(config.keySet()).containsExactlyElementsOf(RunConfig.NAMES);
        assertThat(config).containsEntry("filename", "/data/bench.dat").containsEntry("bs", "4k,64k")
                .containsEntry("direct", 0.0).containsEntry("iodepth", 1.0).containsEntry("runtime_ns", 2e9);
        for (String key : RunInfo.NUMBER_KEYS) {
            assertThat(config.getOrDefault(key, machine.getOrDefault(key, 0.0))).as(key).isInstanceOf(Double.class);
        }
        assertThat(report.get("command_line")).isEqualTo(List.of("ferry", "bench", "--bs", "4k,64k"));
    }

    @Test
    void shouldWriteAnUnknownNumberAsNull() {
        RunInfo sample = RunInfoTest.sample();
        RunInfo noMemory = new RunInfo(sample.ferryVersion(), sample.commit(), sample.timestamp(), sample.hostname(),
                sample.cpuModel(), sample.logicalCores(), java.util.OptionalLong.empty(), sample.kernel(),
                sample.fileSystem(), sample.javaVersion(), sample.javaVmName(), sample.javaVendor(), sample.config(),
                sample.commandLine());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new JsonReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), noMemory).report(List.of());

        Map<String, Object> machine = MiniJson.object(MiniJson.parseObject(bytes.toString(StandardCharsets.UTF_8)).get("machine"));
        assertThat(machine).containsEntry("memory_bytes", null).containsEntry("hostname", "bench-host");
    }

    @Test
    void shouldWriteAnEmptyResultsArrayForNoRows() {
        assertThat(MiniJson.parseObject(json(List.of())).get("results")).isEqualTo(List.of());
    }

    @Test
    void shouldAddTheFieldsOfEachReferenceToolThatRanForTheRow() {
        BenchResult result = BenchResultTest.result(BenchOp.READ, 4096, 1, 4_000 * 4096L, 1.0, 4_000);

        List<Map<String, Object>> rows = results(List.of(withFio(result), new BenchRow(result, List.of())));

        assertThat(rows.get(0).keySet()).containsSubsequence(KEYS).endsWith(FIO_KEYS.toArray(String[]::new));
        assertThat(rows.get(0)).containsEntry("fio_iops", 2000.0).containsEntry("ratio_fio", 2.0).containsEntry("fio_p99_9_lat_us", 95.0)
                .containsEntry("fio_command", "fio --name=\"ferry, row\" --rw=read");
        assertThat(rows.get(1).keySet()).containsExactlyElementsOf(KEYS);
    }

    @Test
    void shouldEscapeStrings() {
        String awkward = "a\"b\\c\nd\u0001é";

        assertThat(JsonReporter.quoted(awkward)).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
        assertThat(MiniJson.parse(JsonReporter.quoted(awkward))).isEqualTo(awkward);
    }

    @Test
    void shouldWriteNumbersThatAreNotFiniteAsNull() {
        BenchResult infinite = new BenchResult(BenchOp.READ, "psync", false, 4096, 1, 1, 1, 4096, 1.0, 1,
                Double.POSITIVE_INFINITY, LatencyPercentiles.NONE, Double.NaN, 0, 0, 0, 0, 0, Double.NaN, null);

        Map<String, Object> row = results(rows(infinite)).getFirst();

        assertThat(row.get("avg_lat_us")).isNull();
        assertThat(row.get("avg_prep_us")).isNull();
        assertThat(row.get("cpu_seconds_per_gb")).isNull();
    }
}
