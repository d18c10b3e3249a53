package io.ferry.cli;

import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code ferry bench --backend remote} against a real nginx on 127.0.0.1. */
class BenchRemoteCommandTest {
    /** A presigned URL carries secrets in its query; none of it may reach a report. */
    private static final String SECRET_QUERY = "?X-Amz-Signature=s3cr3t";

    @TempDir
    static Path root;
    private static NginxServer nginx;

    @TempDir
    Path dir;

    /** Writes an 8 MiB object holding the benchmark pattern with the file backend, then serves it. */
    @BeforeAll
    static void startNginx() {
        Requirements.nginx();
        CliRun layout = CliRun.of("bench", "--filename", root.resolve("object.bin").toString(), "--size", "8m",
                "--rw", "write", "--bs", "1m", "--verify", "--number_ios", "8", "--ramp_time", "0", "--no-progress");
        assertThat(layout.exitCode()).as(layout.err()).isZero();
        nginx = NginxServer.start(root);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static String url() {
        return nginx.uri("object.bin").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadAndVerifyTheObjectAndRecordTheRemoteRunWithoutSecrets(String engine) throws IOException {
        Path json = dir.resolve("remote.json");
        CliRun run = CliRun.of("bench", "--backend", "remote", "--filename", url() + SECRET_QUERY, "--rw", "read,randread",
                "--bs", "1m", "--iodepth", "4", "--number-ios", "12", "--ramp_time", "0", "--remote-engine", engine,
                "--connections", "4", "--task-size", "256k", "--verify", "--json", json.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ferry bench: remote backend, " + url() + ", 8m, engine " + engine
                + ", connections 4, task size 256k", "CPU s/GB").doesNotContain("s3cr3t");
        String report = Files.readString(json);
        assertThat(report).doesNotContain("s3cr3t").contains("\"filename\": \"" + url() + "\"", "\"backend\": \"remote\"",
                "\"size\": \"8m\"", "\"remote_engine\": \"" + engine + "\"", "\"connections\": 4",
                "\"task_size\": \"256k\"", "\"cpu_seconds_per_gb\": ");
        assertThat(report).contains("\"op\": \"read\", \"engine\": \"" + engine + "\"", "\"op\": \"randread\"");
        assertThat(report.split("\"bytes\": 12582912,", -1)).as("12 blocks of 1 MiB per row").hasSize(3);
    }

    @Test
    void shouldPrintTheRatioToParallelCurlsAndTheirCpuCost() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Path csv = dir.resolve("curl.csv");
        CliRun run = CliRun.of("bench", "--backend", "remote", "--filename", url() + SECRET_QUERY, "--rw", "read",
                "--bs", "1m", "--iodepth", "2", "--number-ios", "8", "--ramp_time", "0", "--connections", "2",
                "--compare", "curl", "--csv", csv.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("curl IOPS", "ferry/curl", "curl CPU s/GB").doesNotContain("s3cr3t");
        String report = Files.readString(csv);
        assertThat(report).contains("curl_bandwidth_gb_per_s", "curl_cpu_seconds_per_gb", "ratio_curl",
                "2 parallel processes, 2 ranges in all; the first: curl -sS --fail -o /dev/null -r 0-4194303 " + url())
                .doesNotContain("s3cr3t");
    }

    @Test
    void shouldRefuseBadRemoteOptionsInOneLine() {
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote"), 2,
                "--backend remote needs the object's URL: --filename URL");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", url()), 2,
                "the remote backend only reads: --rw write would overwrite " + url());
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", url(), "--rw", "read",
                "--size", "16m"), 1, "--size 16m exceeds the 8388608 bytes of object " + url());
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", url(), "--rw", "read",
                "--direct"), 2, "--direct applies to the file backend only; leave it out with --backend remote");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", url(), "--rw", "read",
                "--ioengine", "io_uring"), 2, "--ioengine applies to the file backend only");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", url(), "--rw", "read",
                "--remote-engine", "warp"), 2, "--remote-engine warp: must be one of", "multiplexed, blocking");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--connections", "4"), 2,
                "--connections applies to the remote backend only; leave it out with --backend file");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", url(), "--rw", "read",
                "--compare", "fio"), 2, "--compare fio measures files");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--compare", "curl"), 2,
                "--compare curl reads remote objects: use it with --backend remote");
        CopyCommandTest.assertOneLineError(CliRun.of("bench", "--backend", "remote", "--filename", "s3://bucket/big.bin",
                "--rw", "read", "--size", "1m", "--compare", "curl"), 2, "curl cannot sign S3 requests");
    }
}
