package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.settings.Settings;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects opened with {@link RemoteOpenOption#SEQUENTIAL}, read in small consecutive descriptors:
 * one request per window of the task size, each read continuing the response of the one before;
 * what happens to a response nobody continues, a cut continuation and a cancelled waiting read.
 */
class SequentialReadTest {
    private static final int WINDOW = 64 << 10;
    private static final int SIZE = 300_000;
    private static final byte[] CONTENT = RemoteFixture.randomBytes(SIZE, 7);
    /** Well below the connections' idle timeout (30 s), which would close a held response anyway. */
    private static final Duration HELD_CLOSE_BOUND = Duration.ofSeconds(10);

    private FaultyHttpServer server;

    @BeforeEach
    void startServer() {
        server = FaultyHttpServer.start();
        server.put("/object.bin", CONTENT);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Settings.Builder settings(int connections) {
        return RemoteFixture.smallTasks().set(RemoteSettings.TASK_SIZE, (long) WINDOW)
                .set(RemoteSettings.REMOTE_MAX_CONNECTIONS, connections);
    }

    private RemoteObject open(RemoteFixture fixture) {
        RemoteObject object = fixture.remote.open(server.uri("/object.bin").toString(), RemoteOpenOption.SEQUENTIAL);
        server.clearRequests();
        return object;
    }

    /** The Range headers of the GETs the server saw, in order. */
    private List<String> ranges() {
        return server.requests().stream().filter(r -> r.method().equals("GET")).map(r -> r.header("Range")).toList();
    }

    private static List<String> windows() {
        return List.of("bytes=0-65535", "bytes=65536-131071", "bytes=131072-196607", "bytes=196608-262143",
                "bytes=262144-299999");
    }

    @Test
    void shouldReadEachWindowInOneRequestThroughSmallDescriptors() {
        for (int inFlight : new int[] {1, 2, 4}) {
            server.clearRequests();
            try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
                MemorySegment memory = fixture.readInSequence(open(fixture), WINDOW / 4, inFlight);

                assertThat(RemoteFixture.bytes(memory)).as("%d in flight", inFlight).isEqualTo(CONTENT);
                assertThat(ranges()).as("%d in flight", inFlight).isEqualTo(windows());
                assertThat(fixture.remote.bytesMoved()).isEqualTo(SIZE);
                assertThat(fixture.remote.retries()).isZero();
            }
        }
    }

    @Test
    void shouldStartANewRequestForADescriptorThatCrossesAWindowsEnd() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
            MemorySegment memory = fixture.readInSequence(open(fixture), 10_000, 2);

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(ranges()).as("each asks up to the end of the window that holds its last byte").containsExactly(
                    "bytes=0-65535", "bytes=60000-131071", "bytes=130000-196607", "bytes=190000-262143",
                    "bytes=260000-299999");
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @Test
    void shouldSendARequestPerDescriptorWithoutTheOptionOrOnTheBlockingEngine() {
        try (RemoteFixture fixture = new RemoteFixture("blocking", settings(4))) {
            MemorySegment memory = fixture.readInSequence(open(fixture), 100_000, 2);
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(ranges()).containsExactlyInAnyOrder("bytes=0-65535", "bytes=65536-99999", "bytes=100000-165535",
                    "bytes=165536-199999", "bytes=200000-265535", "bytes=265536-299999");
        }
        server.clearRequests();
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
            RemoteObject plain = fixture.remote.open(server.uri("/object.bin").toString());
            server.clearRequests();
            MemorySegment memory = fixture.readInSequence(plain, 40_000, 2);
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(ranges()).as("a request per descriptor").hasSize(8).contains("bytes=0-39999", "bytes=280000-299999");
        }
    }

    @Test
    void shouldCloseAHeldResponseWhenItsConnectionIsNeeded() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(1))) {
            RemoteObject object = open(fixture);
            MemorySegment first = fixture.sentinelMemory(1000);
            MemorySegment elsewhere = fixture.sentinelMemory(1000);

            fixture.run(TransferOp.READ, List.of(Descriptor.of(first, object, 0))).throwIfFailed();
            fixture.run(TransferOp.READ, List.of(Descriptor.of(elsewhere, object, 200_000))).throwIfFailed();

            assertThat(RemoteFixture.bytes(first)).isEqualTo(Arrays.copyOfRange(CONTENT, 0, 1000));
            assertThat(RemoteFixture.bytes(elsewhere)).isEqualTo(Arrays.copyOfRange(CONTENT, 200_000, 201_000));
            List<RecordedRequest> gets = server.requests().stream().filter(r -> r.method().equals("GET")).toList();
            assertThat(gets).extracting(r -> r.header("Range")).containsExactly("bytes=0-65535", "bytes=200000-262143");
            assertThat(gets.get(1).connection()).as("the held connection was closed, not drained").isNotEqualTo(gets.get(0).connection());
        }
    }

    @Test
    void shouldCloseAHeldResponseOnceItsObjectIsClosed() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
            RemoteObject object = open(fixture);
            MemorySegment first = fixture.sentinelMemory(1000);
            fixture.run(TransferOp.READ, List.of(Descriptor.of(first, object, 0))).throwIfFailed();
            assertThat(RemoteFixture.bytes(first)).isEqualTo(Arrays.copyOfRange(CONTENT, 0, 1000));
            assertThat(server.openConnections()).as("the rest of the window held for the next read").isEqualTo(1);

            object.close();
            long deadline = System.nanoTime() + HELD_CLOSE_BOUND.toNanos();
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                fixture.agent.poll();
                Thread.onSpinWait();
            }

            assertThat(server.openConnections()).as("closed with its object, not at the connection's idle timeout")
                    .isZero();
        }
    }

    @Test
    void shouldResumeAContinuationThatTheServerCut() {
        server.script().next(Fault.resetAfterBodyBytes(25_000).on("GET"));
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
            MemorySegment memory = fixture.readInSequence(open(fixture), WINDOW / 4, 2);

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(fixture.remote.retries()).isEqualTo(1);
            assertThat(ranges()).as("the cut read asks for the rest of the window from where it stopped")
                    .contains("bytes=25000-65535");
        }
    }

    @Test
    void shouldSendAgainAtOnceWhenTheServerClosedAHeldResponse() {
        server.script().next(Fault.truncateAfterBodyBytes(WINDOW / 4).on("GET"));
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
            MemorySegment memory = fixture.readInSequence(open(fixture), WINDOW / 4, 1);

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(ranges()).as("the continuation found the connection closed and asked for the rest")
                    .startsWith("bytes=0-65535", "bytes=16384-65535");
            assertThat(fixture.remote.retries()).as("a connection gone stale while held is not a failed attempt").isZero();
        }
    }

    @Test
    void shouldFailOnlyTheWaitingReadWhoseTransferWasCancelled() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        server.script().next(Fault.holdUntil(release).on("GET"));
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings(4))) {
            RemoteObject object = open(fixture);
            MemorySegment first = fixture.sentinelMemory(10_000);
            MemorySegment second = fixture.sentinelMemory(10_000);
            Transfer reading = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(first, object, 0)));
            Transfer waiting = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(second, object, 10_000)));
            reading.post();
            waiting.post();
            while (server.requestCount() == 0) {
                fixture.agent.poll();
                Thread.onSpinWait();
            }
            waiting.cancel();

            TransferStatus cancelled = waiting.await(RemoteFixture.AWAIT);
            release.countDown();
            TransferStatus done = reading.await(RemoteFixture.AWAIT);

            assertThat(cancelled.failures()).singleElement().satisfies(f -> assertThat(f.cause().errorCode()).isEqualTo(ErrorCode.CANCELLED));
            assertThat(RemoteFixture.bytes(second)).as("untouched").containsOnly((byte) 0x5A);
            assertThat(done.isDone()).isTrue();
            assertThat(RemoteFixture.bytes(first)).isEqualTo(Arrays.copyOfRange(CONTENT, 0, 10_000));
            assertThat(ranges()).containsExactly("bytes=0-65535");
            reading.release();
            waiting.release();
        }
    }
}
