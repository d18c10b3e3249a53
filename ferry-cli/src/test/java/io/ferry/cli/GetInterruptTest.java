package io.ferry.cli;

import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code ferry get} process stopped by SIGINT or SIGTERM while its reads stall in the middle of
 * their responses: it exits with 130 or 143, says on one line what became of the download, removes its
 * temporary file and leaves the file it would have replaced as it was.
 */
@Timeout(120)
class GetInterruptTest {
    private static final String PREVIOUS = "the previous version\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldLeaveTheDestinationAsItWasAndSaySo(String signal, int exitCode) throws Exception {
        Path file = Files.writeString(dir.resolve("object.bin"), PREVIOUS);
        Path err = dir.resolve("get.err");
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/object.bin", RandomFiles.bytes(4 << 20));
            server.script().always(Fault.stallAfterBodyBytes(4096).on("GET"));
            String url = server.uri("/object.bin").toString();
            Process get = CliProcess.start(dir.resolve("get.out"), err, null, "", "get", url, file.toString(), "--no-progress");
            try {
                while (server.requests().stream().noneMatch(request -> request.method().equals("GET"))) {
                    assertThat(get.isAlive()).as("ferry get ended early: %s", Files.readString(err)).isTrue();
                    LockSupport.parkNanos(10_000_000); // until the download is under way, bounded by the test's timeout
                }

                CliProcess.signal(signal, get.pid());

                assertThat(get.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(get.exitValue()).as(Files.readString(err)).isEqualTo(exitCode);
                assertThat(Files.readString(err)).isEqualTo("ferry: interrupted; the download of " + url
                        + " was cancelled; nothing of it was written\n");
            } finally {
                get.destroyForcibly();
            }
        }
        assertThat(Files.readString(file)).isEqualTo(PREVIOUS);
        try (var left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("object.bin", "get.out", "get.err");
        }
    }
}
