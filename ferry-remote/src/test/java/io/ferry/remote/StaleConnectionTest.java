package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept-alive connections that the server closed as idle: a request that finds one closed before a
 * byte of its answer is sent again on a new connection without costing an attempt, and a final
 * failure reports the server's last answer, not the transport failure that came after it.
 */
class StaleConnectionTest {
    private static final byte[] CONTENT = RemoteFixture.randomBytes(300_000, 41);

    private FaultyHttpServer server;

    @BeforeEach
    void startServer() {
        server = FaultyHttpServer.start().put("/a.bin", CONTENT);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static RemoteFixture fixture(String engine, int maxAttempts) {
        return new RemoteFixture(engine, RemoteFixture.smallTasks().set(RemoteSettings.HTTP_MAX_ATTEMPTS, maxAttempts));
    }

    /** Opened with its size, so that no HEAD leaves a kept-alive connection for the first read to find closed. */
    private TransferStatus read(RemoteFixture fixture, MemorySegment memory) {
        RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString(), CONTENT.length);
        return fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldSendARequestAgainOnANewConnectionWithoutCountingAnAttemptWhenItsKeptAliveOneWasClosed(String engine) {
        server.script().always(Fault.keepAliveExpired());
        try (RemoteFixture fixture = fixture(engine, 1)) {
            MemorySegment memory = fixture.sentinelMemory(CONTENT.length);

            TransferStatus status = read(fixture, memory);

            assertThat(status.isDone()).as(status.toString()).isTrue();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(fixture.remote.retries()).isZero();
            List<RecordedRequest> requests = server.requests();
            assertThat(requests.stream().map(RecordedRequest::connection).distinct().count())
                    .as("some requests went out on a kept-alive connection").isLessThan(requests.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReportTheServersAnswerWhenEveryRetryFoundItsKeptAliveConnectionClosed(String engine) {
        server.script().always(Fault.keepAliveExpired()).always(Fault.status(503, "Slow Down").on("GET"));
        try (RemoteFixture fixture = fixture(engine, 2)) {
            MemorySegment memory = fixture.sentinelMemory(1000);

            TransferStatus status = read(fixture, memory);

            FerryException cause = status.failures().getFirst().cause();
            assertThat(cause).isInstanceOf(HttpStatusException.class);
            assertThat(cause.getMessage()).contains("503 Slow Down", "gave up after 2 attempts").doesNotContain("closed");
            assertUntouched(memory);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReportTheServersLastAnswerAndNameTheTransportFailureAfterIt(String engine) {
        server.script().next(Fault.status(503, "Slow Down").on("GET")).always(Fault.resetAfterBodyBytes(0).on("GET"));
        try (RemoteFixture fixture = fixture(engine, 2)) {
            MemorySegment memory = fixture.sentinelMemory(1000);

            TransferStatus status = read(fixture, memory);

            FerryException cause = status.failures().getFirst().cause();
            assertThat(cause).isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThat(cause.getMessage()).contains("503 Slow Down", "gave up after 2 attempts; the last one failed:");
            assertUntouched(memory);
        }
    }

    private static void assertUntouched(MemorySegment memory) {
        byte[] sentinel = new byte[(int) memory.byteSize()];
        Arrays.fill(sentinel, (byte) 0x5A);
        assertThat(RemoteFixture.bytes(memory)).isEqualTo(sentinel);
    }
}
