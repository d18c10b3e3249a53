package io.ferry.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableReporterTest {
    static String table(List<BenchResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TableReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .report(results.stream().map(r -> new BenchRow(r, List.of())).toList());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheNixlbenchColumnsWithTheirWidthsAndPrecision() {
        BenchResult write = BenchResultTest.result(BenchOp.WRITE, 4096, 1, 165_290_000L, 1.0, 40_354);

        List<String> lines = table(List.of(write)).lines().toList();

        String dashes = "-".repeat(320);
        assertThat(lines).containsExactly(
                "write  engine=psync  iodepth=1  threads=1  direct=0",
                dashes,
                "Block Size (B)      Batch Size     B/W (GB/Sec)   Avg Lat. (us)  P50 Lat (us)   P90 Lat (us)   "
                        + "P99 Lat (us)   P99.9 Lat (us) Max Lat (us)   Avg Prep (us)  P99 Prep (us)  "
                        + "Avg Post (us)  P99 Post (us)  Avg Tx (us)    P99 Tx (us)    IOPS           CPU s/GB       "
                        + "Fixed Bufs     Plain Bufs     Fixed Files    Plain Files",
                dashes,
                "4096                1              0.165290       10.5           9.5            12.0           "
                        + "30.0           45.5           120.0          3.0            4.0            "
                        + "1.3            2.0            9.3            20.0           40354          1.512          "
                        + "-              -              -              -");
    }

    @Test
    void shouldAddEachReferenceToolsIopsRatioAndCpuCostAfterFerrysColumns() {
        BenchResult read = BenchResultTest.result(BenchOp.READ, 4096, 1, 4_000 * 4096L, 1.0, 4_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new TableReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).report(List.of(JsonReporterTest.withFio(read)));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).isEqualTo("-".repeat(437));
        assertThat(lines.get(2)).endsWith("CPU s/GB       Fixed Bufs     Plain Bufs     Fixed Files    Plain Files    "
                + "fio IOPS       ferry/fio      "
                + "fio P50 (us)   fio P90 (us)   fio P99 (us)   fio P99.9 (us) fio Max (us)   fio CPU s/GB");
        assertThat(lines.get(4)).endsWith("20.0           4000           15.259         -              -              "
                + "-              -              "
                + "2000           2.000          40.0           60.0           80.0           95.0           300.0          0.125");
    }

    @Test
    void shouldStartANewGroupWhenTheOperationChanges() {
        BenchResult write = BenchResultTest.result(BenchOp.WRITE, 4096, 1, 4096, 1.0, 1);
        BenchResult write64k = BenchResultTest.result(BenchOp.WRITE, 65536, 1, 65536, 1.0, 1);
        BenchResult read = BenchResultTest.result(BenchOp.READ, 4096, 1, 4096, 1.0, 1);

        List<String> lines = table(List.of(write, write64k, read)).lines().toList();

        assertThat(lines).filteredOn(line -> line.startsWith("Block Size (B)")).hasSize(2);
        assertThat(lines.get(5)).startsWith("65536 ");
        assertThat(lines.get(6)).isEmpty();
        assertThat(lines.get(7)).isEqualTo("read  engine=psync  iodepth=1  threads=1  direct=0");
    }

    @Test
    void shouldPrintRowsOneAtATimeAsTheWholeTableWould() {
        BenchResult write = BenchResultTest.result(BenchOp.WRITE, 4096, 1, 4096, 1.0, 1);
        BenchResult read = BenchResultTest.result(BenchOp.READ, 4096, 1, 4096, 1.0, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableReporter reporter = new TableReporter(new PrintStream(bytes, false, StandardCharsets.UTF_8));

        reporter.print(new BenchRow(write, List.of()), List.of());
        String afterFirst = bytes.toString(StandardCharsets.UTF_8);
        reporter.print(new BenchRow(read, List.of()), List.of());

        assertThat(afterFirst.lines().toList()).as("printed and flushed at once").hasSize(5).last().asString().startsWith("4096 ");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(table(List.of(write, read)));
    }

    @Test
    void shouldCountRegisteredIosAndSayWhyOthersFellBack() {
        BenchResult plain = BenchResultTest.result(BenchOp.READ, 4096, 1, 4096, 1.0, 1);
        BenchResult ring = new BenchResult(BenchOp.READ, "io_uring", false, 4096, 1, 1, 1, 4096, 1.0, 1, 10.5,
                BenchResultTest.LATENCY, 3.0, 4.0, 1.25, 2.0, 9.25, 20.0, 0.25,
                new io.ferry.spi.RegisteredIo(90, 6, 4, 2, 99, 1, "IORING_REGISTER_BUFFERS_UPDATE failed with ENOMEM"));

        List<String> lines = table(List.of(plain, ring)).lines().toList();

        assertThat(lines.get(4)).endsWith("-              -              -              -");
        assertThat(lines.get(10)).endsWith("90             10             99             1");
        assertThat(lines.get(11)).isEqualTo("  fell back: 6 I/Os on memory not registered (or bounced), 4 I/Os on a buffer the "
                + "ring refused (IORING_REGISTER_BUFFERS_UPDATE failed with ENOMEM), 2 reads served from the page cache "
                + "without the ring, 1 I/Os on a file not in the ring's table");
        assertThat(ResultCells.fallback(plain)).isEmpty();
    }
}
