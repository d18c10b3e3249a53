package io.ferry.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReporterTest {
    static String csv(List<BenchRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CsvReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), RunInfoTest.sample()).report(rows);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldStartWithTheRunAsCommentLines() {
        MiniCsv csv = MiniCsv.parse(csv(List.of()));

        assertThat(csv.comments()).startsWith("ferry.version: 0.1.0", "ferry.commit: abc1234",
                "machine.timestamp: 2026-05-01T12:00:00Z");
        assertThat(csv.comments()).contains("machine.cpu_model: AMD EPYC 7B13", "machine.fs_mount_point: /data",
                "config.bs: 4k,64k", "config.backend: file");
        assertThat(csv.comments()).last().isEqualTo("command_line: ferry bench --bs 4k,64k");
        assertThat(csv.header()).containsExactlyElementsOf(JsonReporterTest.KEYS);
        assertThat(csv.rows()).isEmpty();
    }

    @Test
    void shouldWriteOneLinePerRowWithTheFieldsOfTheJsonRows() {
        BenchResult result = BenchResultTest.result(BenchOp.WRITE, 65536, 4, 4_000 * 65536L, 0.5, 1_000);

        MiniCsv csv = MiniCsv.parse(csv(JsonReporterTest.rows(result, result)));

        assertThat(csv.rows()).hasSize(2).allSatisfy(row -> assertThat(row).hasSameSizeAs(csv.header()));
        List<String> row = csv.rows().getFirst();
        assertThat(row.subList(0, 5)).containsExactly("write", "psync", "0", "65536", "4");
        assertThat(row.get(csv.header().indexOf("iops"))).isEqualTo("8000.0");
        assertThat(Double.parseDouble(row.get(csv.header().indexOf("bandwidth_gb_per_s")))).isEqualTo(result.bandwidthGBps());
    }

    @Test
    void shouldAddReferenceToolColumnsAndLeaveThemEmptyForRowsWithoutTheTool() {
        BenchResult result = BenchResultTest.result(BenchOp.READ, 4096, 1, 4_000 * 4096L, 1.0, 4_000);

        MiniCsv csv = MiniCsv.parse(csv(List.of(new BenchRow(result, List.of()), JsonReporterTest.withFio(result))));

        List<String> expectedHeader = new ArrayList<>(JsonReporterTest.KEYS);
        expectedHeader.addAll(JsonReporterTest.FIO_KEYS);
        assertThat(csv.header()).containsExactlyElementsOf(expectedHeader);
        assertThat(csv.rows()).allSatisfy(row -> assertThat(row).hasSameSizeAs(csv.header()));
        assertThat(csv.rows().get(0).subList(JsonReporterTest.KEYS.size(), expectedHeader.size())).containsOnly("");
        assertThat(csv.rows().get(1).subList(JsonReporterTest.KEYS.size(), expectedHeader.size()))
                .containsExactly("fio --name=\"ferry, row\" --rw=read", "2000.0", "0.5", "50.0", "40.0", "60.0", "80.0",
                        "95.0", "300.0", "0.125", "2.0");
    }

    @Test
    void shouldWriteNumbersThatAreNotFiniteAsEmptyFields() {
        BenchResult infinite = new BenchResult(BenchOp.READ, "psync", false, 4096, 1, 1, 1, 4096, 1.0, 1,
                Double.POSITIVE_INFINITY, LatencyPercentiles.NONE, Double.NaN, 0, 0, 0, 0, 0, Double.NaN, null);

        MiniCsv csv = MiniCsv.parse(csv(JsonReporterTest.rows(infinite)));

        assertThat(csv.rows().getFirst().get(csv.header().indexOf("avg_lat_us"))).isEmpty();
        assertThat(csv.rows().getFirst().get(csv.header().indexOf("avg_prep_us"))).isEmpty();
    }

    @Test
    void shouldQuoteFieldsWithCommasQuotesLineBreaksOrHashes() {
        assertThat(CsvReporter.field("psync")).isEqualTo("psync");
        assertThat(CsvReporter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReporter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReporter.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvReporter.field("#1")).isEqualTo("\"#1\"");
        assertThat(MiniCsv.parse(CsvReporter.field("say \"hi\", two\r\nlines") + "\n").records())
                .containsExactly(List.of("say \"hi\", two\r\nlines"));
    }

    @Test
    void shouldRefuseMalformedCsvInTheTestReader() {
        assertThatThrownBy(() -> MiniCsv.parse("a,b\"c\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniCsv.parse("\"a\"b\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniCsv.parse("a,b")).isInstanceOf(IllegalArgumentException.class);
    }
}
