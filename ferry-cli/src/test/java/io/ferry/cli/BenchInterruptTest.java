package io.ferry.cli;

import io.ferry.bench.BenchOp;
import io.ferry.bench.RowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code ferry bench} process prints each row as soon as it is measured, and when Ctrl-C
 * (SIGINT) stops it in the middle of the sweep, it still writes the reports with the rows measured.
 */
class BenchInterruptTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepTheRowsMeasuredWhenInterrupted() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path json = dir.resolve("partial.json");
        Path csv = dir.resolve("partial.csv");
        Process bench = CliProcess.start(out, err, null, "", "bench", "--filename", dir.resolve("bench.dat").toString(),
                "--size", "1m", "--rw", "read", "--bs", "4k,8k,16k,32k,64k,128k", "--runtime", "2s", "--ramp_time", "0",
                "--json", json.toString(), "--csv", csv.toString(), "--no-progress");
        try {
            while (!Files.readString(out).contains("\n4096 ")) {
                assertThat(bench.isAlive()).as("ferry bench ended early: %s", Files.readString(err)).isTrue();
                LockSupport.parkNanos(10_000_000); // until the first row is out, bounded by the test's timeout
            }

            CliProcess.signal("INT", bench.pid());

            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bench.exitValue()).as(Files.readString(err)).isEqualTo(130);
            assertThat(Files.readString(err)).matches("ferry: interrupted after [1-5] of 6 rows; the reports hold the rows measured\n");
            String report = Files.readString(json);
            long rows = report.lines().filter(line -> line.contains("\"op\": \"read\"")).count();
            assertThat(rows).isBetween(1L, 5L);
            assertThat(report).contains("\"block_size_bytes\": 4096").doesNotContain("131072").endsWith("}\n");
            assertThat(Files.readString(csv).lines().filter(line -> line.startsWith("read,"))).hasSize((int) rows);
            assertThat(Files.readString(out)).contains("results written to " + json);
        } finally {
            bench.destroyForcibly();
        }
    }

    @Test
    void shouldNameTheRunningRowInTheProgressLine() {
        assertThat(BenchRows.label(new RowSpec(BenchOp.RANDREAD, 65536, 4), 2, 10)).isEqualTo("bench 3/10 randread 64k batch 4");
    }
}
