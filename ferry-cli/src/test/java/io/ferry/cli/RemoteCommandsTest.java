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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
    void shouldGetAnObjectFromNginxIntoAFileIntoAFileWrittenDirectAndIntoDevNull() throws IOException {
        Requirements.nginx();
        Path served = Files.createDirectory(dir.resolve("served"));
        Path object = randomFile("served/object.bin", (5 << 20) + 4321);
        Path target = dir.resolve("got.bin");
        Path direct = dir.resolve("direct.bin");
        try (NginxServer nginx = NginxServer.start(served)) {
            String url = nginx.uri("object.bin").toString();

            CliRun run = CliRun.of("get", url, target.toString(), "--bs", "1m", "--task-size", "256k", "--no-progress");
            CliRun runDirect = CliRun.of("get", url, direct.toString(), "--direct", "--bs", "1m", "--no-progress");
            CliRun toNull = CliRun.of("get", url, "/dev/null", "--engine", "blocking", "--no-progress");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("got 5247201 bytes", "from " + url, "0 retries");
            assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(object));
            assertThat(runDirect.exitCode()).as(runDirect.err()).isZero();
            assertThat(Files.readAllBytes(direct)).as("an unaligned tail written past the page cache")
                    .isEqualTo(Files.readAllBytes(object));
            assertThat(toNull.exitCode()).as(toNull.err()).isZero();
            assertThat(filesIn(dir)).as("no temporary file is left").isEqualTo(3);
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
    void shouldFailAGetWhoseSizeTheServerDoesNotGiveAndLeaveNoFile() throws IOException {
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", new byte[300_000]);
            server.script().always(Fault.status(405).on("HEAD")).always(Fault.ignoreRangeWithoutLength().on("GET"));

            CliRun run = CliRun.of("get", server.uri("/object.bin").toString(), dir.resolve("got.bin").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.err()).contains("cannot learn the size of " + server.uri("/object.bin")).doesNotContain("-1");
            assertThat(run.out()).isEmpty();
            assertThat(filesIn(dir)).isZero();
        }
    }

    @Test
    void shouldFailAGetOfAnObjectReplacedWhileItRunsAndLeaveNoFile() throws Exception {
        byte[] old = new byte[300_000];
        new Random(1).nextBytes(old);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", old);
            CountDownLatch replaced = new CountDownLatch(1);
            server.script().next(Fault.holdUntil(replaced).on("GET"));
            Future<CliRun> get = CompletableFuture.supplyAsync(() -> CliRun.of("get", server.uri("/object.bin").toString(),
                    dir.resolve("got.bin").toString(), "--bs", "64k", "--task-size", "64k", "--connections", "4", "--no-progress"));
            while (server.requests().stream().noneMatch(r -> r.method().equals("GET"))) {
                LockSupport.parkNanos(1_000_000); // until the request arrived, bounded by the test's timeout
            }
            server.put("/object.bin", new byte[300_000]);
            replaced.countDown();
            CliRun run = get.get(60, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.err()).contains("object changed during download", "412 Precondition Failed");
            assertThat(filesIn(dir)).isZero();
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

    /** Runs a command against {@code s3}'s anonymous endpoint, without a progress bar. */
    private static CliRun anonymously(S3ProxyServer s3, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--endpoint-url", s3.endpoint().toString(), "--no-sign-request", "--no-progress"));
        return CliRun.of(line.toArray(String[]::new));
    }

    @Test
    void shouldPutInPartsAndGetBackThroughS3() throws IOException {
        Path file = randomFile("large.bin", (17 << 20) + 5);
        Path back = dir.resolve("back.bin");
        try (S3ProxyServer s3 = S3ProxyServer.startAnonymous()) {
            s3.createBucket("bucket");

            CliRun put = anonymously(s3, "put", file.toString(), "s3://bucket/dir/");
            CliRun get = anonymously(s3, "get", "s3://bucket/dir/large.bin", back.toString());

            assertThat(put.exitCode()).as(put.err()).isZero();
            assertThat(put.out()).as("under the file's name, as aws s3 cp").contains("to s3://bucket/dir/large.bin");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void shouldPutAndGetBackAnEmptyObjectThroughS3() throws IOException {
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        Path back = Files.writeString(dir.resolve("back.bin"), "replaced by the empty object");
        try (S3ProxyServer s3 = S3ProxyServer.startAnonymous()) {
            s3.createBucket("bucket");

            CliRun put = anonymously(s3, "put", empty.toString(), "s3://bucket/empty.bin");
            CliRun get = anonymously(s3, "get", "s3://bucket/empty.bin", back.toString());

            assertThat(put.exitCode()).as(put.err()).isZero();
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("got 0 bytes");
            assertThat(back).isEmptyFile();
        }
    }

    @Test
    void shouldRefuseAMalformedUrlWithOneLineAndNoStackTrace() throws IOException {
        CliRun port = CliRun.of("get", "http://127.0.0.1:99999/x", dir.resolve("x").toString());
        CliRun hugePort = CliRun.of("put", randomFile("upload.bin", 10).toString(), "http://127.0.0.1:4294967296/x");
        CliRun credentials = CliRun.of("get", "https://user:s3cr3t@127.0.0.1/x", dir.resolve("x").toString());

        // Exit code: the library's INVALID_ARGUMENT; the CLI decides whether that is a usage error.
        assertThat(port.exitCode()).isNotZero();
        assertThat(port.err()).isEqualTo("ferry: not a valid URL 'http://127.0.0.1:99999/x': port 99999 is out of range"
                + " (1 to 65535)" + System.lineSeparator());
        assertThat(hugePort.err()).contains("port 4294967296 is out of range").doesNotContain("no host");
        assertThat(credentials.err()).contains("user information").doesNotContain("s3cr3t").doesNotContain("\tat ");
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
