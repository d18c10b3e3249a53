package io.ferry.remote;

import io.ferry.testkit.PythonHttpServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server without byte ranges, Python's {@code http.server}: an object read in consecutive
 * descriptors comes from one response over one connection (HTTP/1.0, closed at its end).
 */
class PythonServerReadTest {
    private static final int SIZE = (5 << 20) + 777;
    private static final byte[] CONTENT = RemoteFixture.randomBytes(SIZE, 5);

    @TempDir
    static Path root;
    private static PythonHttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        Requirements.python();
        Files.write(root.resolve("shared.bin"), CONTENT);
        server = PythonHttpServer.start(root);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldReadAnObjectWithoutRangesThroughSmallDescriptors() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            RemoteObject object = fixture.remote.open(server.uri("shared.bin").toString());

            MemorySegment memory = fixture.readInSequence(object, 256 << 10, 4);

            assertThat(object.servesRanges()).isFalse();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(fixture.remote.bytesMoved()).isEqualTo(SIZE);
            assertThat(fixture.remote.retries()).isZero();
        }
    }
}
