package io.ferry.cli;

import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.PythonHttpServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ferry get} from a server that ignores Range headers and does not advertise ranges, as curl
 * reads it: one response, read through the usual small buffers.
 */
class GetWithoutRangesTest {
    @TempDir
    Path dir;

    @Test
    void shouldGetAnObjectLargerThanOneBlockInOneRequest() throws IOException {
        byte[] object = RandomFiles.bytes(1_000_003);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", object);
            server.script().always(Fault.ignoreRange());
            Path file = dir.resolve("object.bin");

            CliRun get = CliRun.of("get", server.uri("/object.bin").toString(), file.toString(), "--bs", "64k", "--no-progress");

            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(object);
            assertThat(get.err()).contains("does not advertise byte ranges (Accept-Ranges): read in one request over one connection");
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET")).count()).isEqualTo(1);

            server.clearRequests();
            Files.delete(file);
            CliRun blocking = CliRun.of("get", server.uri("/object.bin").toString(), file.toString(), "--bs", "64k",
                    "--engine", "blocking", "--no-progress");

            assertThat(blocking.exitCode()).as(blocking.err()).isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(object);
            assertThat(blocking.err()).as("each worker its own request: the object in one buffer")
                    .contains("read in one request into 976.57 KiB of memory");
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET")).count()).isEqualTo(1);
        }
    }

    @Test
    void shouldGetALargeObjectFromPythonsHttpServerInOneResponseThroughSmallBuffers() throws Exception {
        Requirements.python();
        byte[] object = RandomFiles.bytes((6 << 20) + 5);
        Path root = Files.createDirectory(dir.resolve("www"));
        Files.write(root.resolve("shared.bin"), object);
        try (PythonHttpServer server = PythonHttpServer.start(root)) {
            String url = server.uri("shared.bin").toString();
            Path file = dir.resolve("got.bin");
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");

            CliRun get = CliRun.of("get", url, file.toString(), "--no-progress", "--bs", "256k", "--slots", "4");
            int toStdout = CliProcess.run(out, err, null, "", "get", url, "-", "--bs", "512k");

            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(object);
            assertThat(get.err()).contains("does not advertise byte ranges (Accept-Ranges): read in one request over one connection");
            assertThat(toStdout).as(Files.readString(err)).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(object);
        }
    }

    @Test
    void shouldGetInBlocksWhereTheServerAdvertisesRanges() throws IOException {
        byte[] object = RandomFiles.bytes(1_000_003);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", object);
            Path file = dir.resolve("object.bin");

            CliRun get = CliRun.of("get", server.uri("/object.bin").toString(), file.toString(), "--bs", "64k", "--task-size", "256k",
                    "--no-progress");

            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(object);
            assertThat(get.err()).doesNotContain("Accept-Ranges");
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET")).count()).isGreaterThan(1);
        }
    }
}
