package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheNixlbenchTableAndWriteEveryReport() throws IOException {
        Path json = dir.resolve("out.json");
        Path csv = dir.resolve("out.csv");
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("bench", "--filename", dir.resolve("bench.dat").toString(), "--size", "1m",
                "--bs", "4k-16k", "--bs-multiplier", "4", "--runtime", "50ms", "--ramp_time", "10ms",
                "--iodepth", "2", "--verify", "--json", json.toString(), "--csv", csv.toString(),
                "--html", html.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Block Size (B)", "Batch Size", "B/W (GB/Sec)", "Avg Lat. (us)", "Avg Prep (us)",
                "P99 Prep (us)", "Avg Post (us)", "P99 Post (us)", "Avg Tx (us)", "P99 Tx (us)", "IOPS");
        assertThat(run.out()).contains("4096", "16384").containsPattern("machine: .+, \\d+ cores, Linux .+, Java 25");
        String text = Files.readString(json).strip();
        assertThat(text).startsWith("{").endsWith("}").contains("\"machine\"", "\"config\"", "\"results\"",
                "\"invalidate\": 1", "\"block_size_bytes\"", "\"bandwidth_gb_per_s\"", "\"iops\"", "\"seconds\"", "\"bytes\"", "\"command_line\"");
        assertThat(Files.readString(csv)).contains("# ", "block_size_bytes");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,");
        assertThat(dir.resolve("report-bandwidth.png")).isNotEmptyFile();
        assertThat(dir.resolve("report-latency.png")).isNotEmptyFile();
    }

    @Test
    void shouldPrintTheRatioToFioForEachRow() {
        assumeTrue(new java.io.File("/usr/bin/fio").canExecute(), "fio is not installed");
        CliRun run = CliRun.of("bench", "--filename", dir.resolve("bench.dat").toString(), "--size", "4m",
                "--rw", "read", "--bs", "4k", "--runtime", "100ms", "--ramp_time", "0", "--compare", "fio",
                "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fio IOPS", "ferry/fio", "fio P99 (us)", "fio CPU s/GB");
        String row = run.out().lines().filter(line -> line.startsWith("4096 ")).findFirst().orElseThrow();
        assertThat(row).as("fio's CPU cost is measured").doesNotEndWith("NaN");
    }

    @Test
    void shouldRunAMixedRowBesideFio() throws IOException {
        assumeTrue(new java.io.File("/usr/bin/fio").canExecute(), "fio is not installed");
        Path json = dir.resolve("mixed.json");
        CliRun run = CliRun.of("bench", "--filename", dir.resolve("bench.dat").toString(), "--size", "4m",
                "--rw", "randrw", "--rwmixread", "70", "--bs", "4k", "--runtime", "100ms", "--ramp_time", "0",
                "--verify", "--compare", "fio", "--json", json.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine psync, direct 0, invalidate 1, rwmixread 70", "randrw  engine=psync");
        String report = Files.readString(json);
        assertThat(report).contains("\"rwmixread\": 70", "\"op\": \"randrw\"", "--rw=randrw --rwmixread=70");
        assertThat(report).containsPattern("\"fio_iops\": [1-9]");
    }

    @Test
    void shouldTellWhichIosUsedRegisteredBuffersAndGiveFioTheSame() throws IOException {
        assumeTrue(new java.io.File("/usr/bin/fio").canExecute(), "fio is not installed");
        assumeTrue(io.ferry.file.FileEngines.builtins().find("io_uring").support().supported(), "no io_uring here");
        Path json = dir.resolve("ring.json");
        Path html = dir.resolve("ring.html");
        CliRun run = CliRun.of("bench", "--filename", dir.resolve("bench.dat").toString(), "--size", "8m",
                "--rw", "write,read", "--bs", "1m", "--iodepth", "4", "--ioengine", "io_uring", "--direct", "1",
                "--number_ios", "32", "--ramp_time", "0", "--compare", "fio", "--json", json.toString(),
                "--html", html.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Fixed Bufs", "Plain Bufs", "Fixed Files", "Plain Files");
        String report = Files.readString(json);
        assertThat(report).contains("\"fixed_buffer_ios\": 32", "\"unregistered_memory_ios\": 0",
                "\"fixed_file_ios\": 32", "\"plain_file_ios\": 0", "--fixedbufs --registerfiles");
        assertThat(Files.readString(html)).contains("<th>Fixed Bufs</th>");
    }

    @Test
    void shouldFailOnAReportWriteErrorAndCheckReportPathsBeforeTheFirstRow() {
        CliRun full = CliRun.of("bench", "--size", "64k", "--bs", "4k", "--rw", "read", "--runtime", "10ms",
                "--ramp_time", "0", "--json", "/dev/full", "--no-progress");
        CliRun noDirectory = CliRun.of("bench", "--size", "64k", "--bs", "4k", "--rw", "read", "--runtime", "10ms",
                "--ramp_time", "0", "--html", dir.resolve("absent/report.html").toString(), "--no-progress");

        assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
        assertThat(full.err().strip()).isEqualTo("ferry: cannot write the report /dev/full: ENOSPC (no space left on device)");
        assertThat(full.out()).doesNotContain("results written");
        assertThat(noDirectory.exitCode()).isEqualTo(1);
        assertThat(noDirectory.err()).contains("--html", "no such directory");
        assertThat(noDirectory.out()).as("no row ran").doesNotContain("Block Size");
    }

    @Test
    void shouldRefuseBadOptionsInOneLine() {
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--compare", "dd"), 2, "--compare: unknown tool 'dd'");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--compare", "fio", "--ioengine", "warp"), 2,
                "unknown engine 'warp'", "io_uring");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--rw", "sideways"), 2, "unknown operation 'sideways'");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--runtime", "soon"), 2, "--runtime", "not a time");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--direct=maybe"), 2, "--direct takes 0 or 1");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--bs", "1m-4k"), 2, "must go from a positive size up");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--invalidate", "2"), 2, "--invalidate takes 0 or 1");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--rwmixread", "101"), 2, "--rwmixread", "0 to 100");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", "http://127.0.0.1:1/x",
                "--invalidate", "0"), 2, "--invalidate applies to the file backend only");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--frobnicate"), 2, "Unknown option");
    }
}
