package io.ferry.cli;

import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry get} from a server that ignores Range headers and does not advertise ranges, as curl reads it. */
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
            assertThat(get.err()).contains("does not advertise byte ranges (Accept-Ranges): read in one request");
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET")).count()).isEqualTo(1);
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
