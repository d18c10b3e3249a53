package io.ferry.cli;

import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry get} and {@code ferry put} against real servers on 127.0.0.1, checked byte for byte. */
class RemoteCommandsTest {
    @TempDir
    Path dir;

    private Path randomFile(String name, int size) throws IOException {
        return RandomFiles.write(dir, name, size);
    }

    private long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void shouldGetAnObjectFromNginxIntoAFileAndIntoDevNull() throws IOException {
        Requirements.nginx();
        Path served = Files.createDirectory(dir.resolve("served"));
        Path object = randomFile("served/object.bin", (5 << 20) + 4321);
        Path target = dir.resolve("got.bin");
        try (NginxServer nginx = NginxServer.start(served)) {
            String url = nginx.uri("object.bin").toString();

            CliRun run = CliRun.of("get", url, target.toString(), "--bs", "1m", "--task-size", "256k", "--no-progress");
            CliRun toNull = CliRun.of("get", url, "/dev/null", "--engine", "blocking", "--no-progress");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("got 5247201 bytes", "from " + url, "0 retries");
            assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(object));
            assertThat(toNull.exitCode()).as(toNull.err()).isZero();
            assertThat(filesIn(dir)).as("no temporary file is left").isEqualTo(2);
        }
    }

    @Test
    void shouldLeaveNoFileWhenAGetFails() throws IOException {
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", new byte[300_000]);
            server.script().always(Fault.status(500, "Internal Server Error").on("GET"));
            Path target = dir.resolve("never.bin");

            CliRun missing = CliRun.of("get", server.uri("/missing.bin").toString(), target.toString(), "--no-progress");
            CliRun failing = CliRun.of("get", server.uri("/object.bin").toString(), target.toString(), "--no-progress");

            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("404", "missing.bin");
            assertThat(failing.exitCode()).isEqualTo(1);
            assertThat(failing.err()).contains("500 Internal Server Error", "gave up after 5 attempts");
            assertThat(filesIn(dir)).as("neither the file nor a temporary file").isZero();
        }
    }

    @Test
    void shouldPutAFileAndAnEmptyFileOverHttp() throws IOException {
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            Path file = randomFile("upload.bin", 1_000_003);
            Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);

            CliRun run = CliRun.of("put", file.toString(), server.uri("/upload.bin") + "?signature=s3cr3t", "--engine",
                    "blocking", "--no-progress");
            CliRun emptyRun = CliRun.of("put", empty.toString(), server.uri("/empty.bin").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("put 1000003 bytes", "0 retries").doesNotContain("s3cr3t");
            assertThat(server.content("/upload.bin")).hasValue(Files.readAllBytes(file));
            assertThat(emptyRun.exitCode()).as(emptyRun.err()).isZero();
            assertThat(server.content("/empty.bin")).hasValue(new byte[0]);
        }
    }

    @Test
    void shouldPutInPartsAndGetBackThroughS3() throws IOException {
        Path file = randomFile("large.bin", (17 << 20) + 5);
        Path back = dir.resolve("back.bin");
        try (S3ProxyServer s3 = S3ProxyServer.startAnonymous()) {
            s3.createBucket("bucket");
            String endpoint = s3.endpoint().toString();

            CliRun put = CliRun.of("put", file.toString(), "s3://bucket/dir/large.bin", "--endpoint-url", endpoint,
                    "--no-sign-request", "--no-progress");
            CliRun get = CliRun.of("get", "s3://bucket/dir/large.bin", back.toString(), "--endpoint-url", endpoint,
                    "--no-sign-request", "--no-progress");

            assertThat(put.exitCode()).as(put.err()).isZero();
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void shouldRefuseBadInputWithOneClearLine() {
        CliRun scheme = CliRun.of("get", "ftp://host/x", dir.resolve("x").toString());
        CliRun noFile = CliRun.of("put", dir.resolve("absent.bin").toString(), "http://127.0.0.1:1/x");
        CliRun connections = CliRun.of("get", "http://127.0.0.1:1/x", dir.resolve("x").toString(), "--connections", "0");

        assertThat(scheme.exitCode()).isEqualTo(2);
        assertThat(scheme.err()).contains("unsupported location ftp://host/x");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err()).contains("absent.bin: no such file");
        assertThat(connections.exitCode()).isEqualTo(2);
        assertThat(connections.err()).contains("--connections 0: must be between 1 and").doesNotContain("REMOTE_MAX_CONNECTIONS");
    }
}
