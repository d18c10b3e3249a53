package io.ferry.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReporterTest {
    static final List<String> KEYS = List.of("op", "engine", "direct", "block_size", "batch_size", "iodepth", "threads", "bytes",
            "seconds", "transfers", "iops", "bandwidth_gbps", "avg_lat_us", "avg_prep_us", "p99_prep_us",
            "avg_post_us", "p99_post_us", "avg_tx_us", "p99_tx_us");
    static final List<String> NUMBER_KEYS = KEYS.subList(3, KEYS.size());

    static String json(List<BenchResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .report(results.stream().map(r -> new BenchRow(r, List.of())).toList());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteOneObjectPerRowWithEveryKey() {
        BenchResult result = BenchResultTest.result(BenchOp.WRITE, 65536, 4, 4_000 * 65536L, 0.5, 1_000);

        List<Map<String, Object>> rows = MiniJson.parseObjects(json(List.of(result, result)));

        assertThat(rows).hasSize(2);
        Map<String, Object> row = rows.getFirst();
        assertThat(row.keySet()).containsExactlyElementsOf(KEYS);
        assertThat(row.get("op")).isEqualTo("write");
        assertThat(row.get("engine")).isEqualTo("psync");
        assertThat(row.get("direct")).isEqualTo(false);
        assertThat(row.get("block_size")).isEqualTo(65536.0);
        assertThat(row.get("iops")).isEqualTo(8000.0);
        assertThat(row.get("bandwidth_gbps")).isEqualTo(result.bandwidthGBps());
        assertThat(row.get("p99_tx_us")).isEqualTo(20.0);
    }

    @Test
    void shouldWriteAnEmptyArrayForNoRows() {
        assertThat(MiniJson.parse(json(List.of()))).isEqualTo(List.of());
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
                Double.POSITIVE_INFINITY, Double.NaN, 0, 0, 0, 0, 0);

        Map<String, Object> row = MiniJson.parseObjects(json(List.of(infinite))).getFirst();

        assertThat(row.get("avg_lat_us")).isNull();
        assertThat(row.get("avg_prep_us")).isNull();
    }
}
