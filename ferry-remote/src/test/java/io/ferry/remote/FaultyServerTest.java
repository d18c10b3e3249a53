package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.settings.Settings;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads and writes against a server that injects faults: retries, resumption and clear failures. */
class FaultyServerTest {
    private static final int SIZE = 300_000;
    private static final byte[] A = RemoteFixture.randomBytes(SIZE, 1);
    private static final byte[] B = RemoteFixture.randomBytes(SIZE, 2);

    private FaultyHttpServer server;

    @BeforeEach
    void startServer() {
        server = FaultyHttpServer.start();
        server.put("/a.bin", A).put("/b.bin", B);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Settings.Builder settings() {
        return RemoteFixture.smallTasks().set(RemoteSettings.HTTP_MAX_ATTEMPTS, 3);
    }

    private byte[] readWhole(RemoteFixture fixture, String path) {
        RemoteObject object = fixture.remote.open(server.uri(path).toString());
        MemorySegment memory = fixture.sentinelMemory(object.size());
        fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
        return RemoteFixture.bytes(memory);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldRetryListedStatusesAndCountTheRetries(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, settings())) {
            server.script().next(2, Fault.status(503, "Slow Down").on("GET"));

            assertThat(readWhole(fixture, "/a.bin")).isEqualTo(A);
            assertThat(fixture.remote.retries()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldResumeACutBodyFromTheFirstByteNotReceived(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, settings().set(RemoteSettings.TASK_SIZE, 1L << 20))) {
            server.script().next(Fault.resetAfterBodyBytes(100_000).on("GET"))
                    .next(Fault.truncateAfterBodyBytes(50_000).on("GET"));

            assertThat(readWhole(fixture, "/a.bin")).isEqualTo(A);
            List<String> ranges = server.requests().stream().filter(r -> r.method().equals("GET"))
                    .map(r -> r.header("Range")).toList();
            // A reset destroys what the server had not yet put on the wire: at most 100,000 bytes arrived before it.
            assertThat(ranges).hasSize(3).first().isEqualTo("bytes=0-299999");
            long resumedAt = rangeStart(ranges.get(1));
            assertThat(resumedAt).as("resumed after the bytes received, not from the start").isBetween(1L, 100_000L);
            assertThat(ranges.get(1)).isEqualTo("bytes=" + resumedAt + "-299999");
            assertThat(ranges.get(2)).as("a clean cut delivers all it sent").isEqualTo("bytes=" + (resumedAt + 50_000) + "-299999");
        }
    }

    @Test
    void shouldTimeOutAStalledBodyAndResume() {
        Settings.Builder quickTimeout = settings().set(RemoteSettings.TASK_SIZE, 1L << 20)
                .set(RemoteSettings.HTTP_TIMEOUT, 2_000_000_000L);
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", quickTimeout)) {
            server.script().next(Fault.stallAfterBodyBytes(70_000).on("GET"));

            assertThat(readWhole(fixture, "/a.bin")).isEqualTo(A);
            // The stall times out once. The timeout is short enough for a quick test and long enough that
            // a loaded machine rarely times out anything else; should it, the count is larger, and the
            // resume is still checked by the range of the request after the stalled one.
            assertThat(fixture.remote.retries()).isPositive();
            List<String> ranges = server.requests().stream().filter(r -> r.method().equals("GET"))
                    .map(r -> r.header("Range")).toList();
            assertThat(ranges.getFirst()).isEqualTo("bytes=0-299999");
            long resumedAt = rangeStart(ranges.get(1));
            assertThat(resumedAt).as("resumed after the bytes received, not from the start").isBetween(1L, 70_000L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldFailOnlyTheDescriptorWhoseServerAnswerContradictsTheRequest(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, settings())) {
            RemoteObject a = fixture.remote.open(server.uri("/a.bin").toString());
            RemoteObject b = fixture.remote.open(server.uri("/b.bin").toString());
            server.script().always(Fault.wrongContentRange().on("GET", "/b.bin"));
            MemorySegment first = fixture.sentinelMemory(SIZE);
            MemorySegment second = fixture.sentinelMemory(SIZE);
            MemorySegment third = fixture.sentinelMemory(1000);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(
                    Descriptor.of(first, a, 0), Descriptor.of(second, b, 0), Descriptor.of(third, a, 5000)));

            assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(1);
            assertThat(status.failures().getFirst().cause().getMessage())
                    .contains("GET", "/b.bin", "Content-Range", "for a request of bytes");
            assertThat(RemoteFixture.bytes(first)).isEqualTo(A);
            assertThat(RemoteFixture.bytes(third)).isEqualTo(Arrays.copyOfRange(A, 5000, 6000));
            byte[] untouched = new byte[SIZE];
            Arrays.fill(untouched, (byte) 0x5A);
            assertThat(RemoteFixture.bytes(second)).isEqualTo(untouched);
            assertThat(fixture.remote.retries()).as("a contradiction is not retried").isZero();
        }
    }

    @Test
    void shouldRefuseAServerThatIgnoresTheRange() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            RemoteObject a = fixture.remote.open(server.uri("/a.bin").toString());
            server.script().always(Fault.ignoreRange().on("GET"));
            MemorySegment memory = fixture.sentinelMemory(1000);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, a, 10)));

            assertThat(status.failures().getFirst().cause().getMessage()).contains("ignored the Range header");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadToTheEndInOneRequestWhereTheServerServesNoRanges(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, settings())) {
            server.script().always(Fault.ignoreRange());
            RemoteObject a = fixture.remote.open(server.uri("/a.bin").toString());
            MemorySegment whole = fixture.sentinelMemory(SIZE);
            MemorySegment tail = fixture.sentinelMemory(SIZE - 5000);
            MemorySegment middle = fixture.sentinelMemory(1000);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(
                    Descriptor.of(whole, a, 0), Descriptor.of(tail, a, 5000), Descriptor.of(middle, a, 10)));

            assertThat(a.servesRanges()).isFalse();
            assertThat(RemoteFixture.bytes(whole)).isEqualTo(A);
            assertThat(RemoteFixture.bytes(tail)).isEqualTo(Arrays.copyOfRange(A, 5000, SIZE));
            List<String> ranges = server.requests().stream().filter(r -> r.method().equals("GET")).map(r -> r.header("Range")).toList();
            if (fixture.remote.continuesResponses()) {
                assertThat(status.isDone()).as(status.toString()).isTrue();
                assertThat(RemoteFixture.bytes(middle)).as("read ahead to the end, its part taken from the whole answer")
                        .isEqualTo(Arrays.copyOfRange(A, 10, 1010));
                assertThat(ranges).as("one request for each descriptor, smaller tasks notwithstanding")
                        .containsExactlyInAnyOrder("bytes=0-299999", "bytes=5000-299999", "bytes=10-299999");
                return;
            }
            assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(2);
            assertThat(status.failures().getFirst().cause().getMessage())
                    .contains("ignored the Range header", "does not serve byte ranges");
            byte[] untouched = new byte[1000];
            Arrays.fill(untouched, (byte) 0x5A);
            assertThat(RemoteFixture.bytes(middle)).isEqualTo(untouched);
            assertThat(ranges).as("one request for each descriptor that reaches the end, smaller tasks notwithstanding")
                    .containsExactlyInAnyOrder("bytes=0-299999", "bytes=5000-299999", "bytes=10-1009");
        }
    }

    @Test
    void shouldReadConsecutiveDescriptorsOfAnObjectWithoutRangesFromOneResponse() {
        server.script().always(Fault.ignoreRange()).next(Fault.truncateAfterBodyBytes(150_000).on("GET"));
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            RemoteObject a = fixture.remote.open(server.uri("/a.bin").toString());
            server.clearRequests();

            MemorySegment memory = fixture.readInSequence(a, 40_000, 3);

            assertThat(a.servesRanges()).isFalse();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(A);
            assertThat(server.requests().stream().map(r -> r.header("Range")))
                    .as("one response, cut and asked again from where it stopped, the bytes before dropped")
                    .containsExactly("bytes=0-299999", "bytes=150000-299999");
            assertThat(fixture.remote.retries()).isEqualTo(1);
        }
    }

    @Test
    void shouldResumeACutReadFromAServerWithoutRangesByDroppingWhatArrivedBefore() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            server.script().always(Fault.ignoreRange()).next(Fault.truncateAfterBodyBytes(100_000).on("GET"));

            assertThat(readWhole(fixture, "/a.bin")).isEqualTo(A);
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET")).map(r -> r.header("Range")))
                    .containsExactly("bytes=0-299999", "bytes=100000-299999");
        }
    }

    @Test
    void shouldSeeThatAServerAdvertisingRangesServesThem() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            RemoteObject a = fixture.remote.open(server.uri("/a.bin").toString());
            server.script().always(Fault.headForbidden());
            RemoteObject b = fixture.remote.open(server.uri("/b.bin").toString());

            assertThat(a.servesRanges()).as("Accept-Ranges: bytes").isTrue();
            assertThat(b.servesRanges()).as("the first byte sent alone").isTrue();
            assertThat(readWhole(fixture, "/a.bin")).isEqualTo(A);
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals("/a.bin")).count())
                    .as("split into tasks").isGreaterThan(1);
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithTheStatusAndTheServersMessage() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            RemoteObject a = fixture.remote.open(server.uri("/a.bin").toString());
            server.script().always(Fault.status(503, "Slow Down").withBody("text/plain", "try again later").on("GET"));
            MemorySegment memory = fixture.sentinelMemory(1000);

            TransferStatus status = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, a, 0)));

            FerryException cause = status.failures().getFirst().cause();
            assertThat(cause).isInstanceOf(HttpStatusException.class);
            assertThat(cause.getMessage()).contains("503 Slow Down", "try again later", "gave up after 3 attempts");
            assertThat(fixture.remote.retries()).isEqualTo(2);
        }
    }

    @Test
    void shouldReportForbiddenWithTheServersMessage() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            server.script().always(Fault.status(403, "Forbidden").withBody("application/xml",
                    "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"));

            assertThatThrownBy(() -> fixture.remote.open(server.uri("/a.bin").toString()))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("403", "AccessDenied", "Access Denied");
                    });
        }
    }

    @Test
    void shouldLearnTheSizeFromARangedGetWhereHeadIsRefused() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            server.script().always(Fault.headForbidden());

            assertThat(fixture.remote.open(server.uri("/b.bin").toString()).size()).isEqualTo(SIZE);
            assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("HEAD", "GET");
        }
    }

    @Test
    void shouldSendAPresignedUrlsQueryButNeverPrintIt() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            String presigned = server.uri("/a.bin") + "?X-Amz-Signature=s3cr3t&X-Amz-Expires=60";
            server.script().always(Fault.headForbidden());

            RemoteObject object = fixture.remote.open(presigned);
            server.script().clear().always(Fault.status(403, "Forbidden").on("GET"));
            MemorySegment memory = fixture.sentinelMemory(100);
            TransferStatus status = fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));

            assertThat(object.size()).isEqualTo(SIZE);
            assertThat(server.requests()).allMatch(r -> r.target().endsWith("?X-Amz-Signature=s3cr3t&X-Amz-Expires=60"));
            assertThat(status.failures().getFirst().cause().getMessage()).contains("403", "/a.bin").doesNotContain("s3cr3t");
            assertThat(object.describe()).doesNotContain("s3cr3t");
        }
    }

    @Test
    void shouldNameAnUnreachableServer() {
        int closedPort;
        try (FaultyHttpServer gone = FaultyHttpServer.start()) {
            closedPort = gone.port();
        }
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            assertThatThrownBy(() -> fixture.remote.open("http://127.0.0.1:" + closedPort + "/x"))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage())
                            .contains("cannot connect to http://127.0.0.1:" + closedPort, "gave up after 3 attempts"));
        }
    }

    @Test
    void shouldKeepAtMostTheConfiguredConnectionsAndReuseThem() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            assertThat(readWhole(fixture, "/a.bin")).isEqualTo(A);
            assertThat(readWhole(fixture, "/b.bin")).isEqualTo(B);

            List<RecordedRequest> reads = server.requests().stream().filter(r -> r.method().equals("GET")).toList();
            assertThat(reads).hasSizeGreaterThan(8);
            assertThat(reads.stream().map(RecordedRequest::connection).distinct().count())
                    .as("connections of the engine (each open asks for the size on a connection of its own)")
                    .isLessThanOrEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldUploadFromDescriptorsThatTileTheObjectAndRetryAFailedPut(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, settings())) {
            server.script().next(Fault.status(500, "Internal Server Error").on("PUT"));
            byte[] heap = Arrays.copyOfRange(B, 0, 100_000);
            MemorySegment rest = fixture.arena.allocate(SIZE - 100_000);
            MemorySegment.copy(MemorySegment.ofArray(B), 100_000, rest, 0, SIZE - 100_000);
            RemoteObject object = fixture.remote.create(server.uri("/new.bin").toString(), SIZE);

            TransferStatus status = fixture.run(TransferOp.WRITE, List.of(
                    Descriptor.of(rest, object, 100_000), Descriptor.of(MemorySegment.ofArray(heap), object, 0)));

            assertThat(status.isDone()).as(status.toString()).isTrue();
            assertThat(server.content("/new.bin")).hasValue(B);
            assertThat(fixture.remote.retries()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReportAnUploadRefusedBeforeItsBodyWithTheStatusNotAReset(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, settings())) {
            server.script().always(Fault.statusBeforeBody(403).on("PUT"));
            MemorySegment body = fixture.arena.allocate(4 << 20); // more than the socket buffers take before the reset
            RemoteObject object = fixture.remote.create(server.uri("/new.bin").toString(), body.byteSize());

            TransferStatus status = fixture.run(TransferOp.WRITE, List.of(Descriptor.of(body, object, 0)));

            assertThat(status.failures()).hasSize(1);
            assertThat(status.failures().getFirst().cause()).isInstanceOf(HttpStatusException.class);
            assertThat(status.failures().getFirst().cause().getMessage()).contains("403 Forbidden");
            assertThat(fixture.remote.retries()).as("a 403 is not retried").isZero();
            assertThat(server.content("/new.bin")).isEmpty();
        }
    }

    @Test
    void shouldRefuseWritesThatDoNotCoverTheObjectExactly() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            RemoteObject object = fixture.remote.create(server.uri("/new.bin").toString(), 1000);
            MemorySegment memory = fixture.arena.allocate(600);

            assertThatThrownBy(() -> fixture.agent.prepare(TransferOp.WRITE, List.of(
                    Descriptor.of(memory, object, 0), Descriptor.of(memory, object, 500))))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("descriptor 1", "offset 500", "end at 600");
                    });
            assertThatThrownBy(() -> fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0))))
                    .hasMessageContaining("cover 600 bytes").hasMessageContaining("1000 bytes");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void shouldRefuseInvalidSettingsAndUnknownSchemes() {
        assertThatThrownBy(() -> Settings.builder().set(RemoteSettings.REMOTE_MAX_CONNECTIONS, 0))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING));
        assertThatThrownBy(() -> Settings.builder().set(RemoteSettings.HTTP_RETRY_STATUS, java.util.Set.of(99)))
                .hasMessageContaining("HTTP_RETRY_STATUS");
        assertThatThrownBy(() -> Settings.builder().set("REMOTE_ENGINE", "threads"))
                .hasMessageContaining("must be one of [multiplexed, blocking]");
        try (io.ferry.Agent agent = io.ferry.Agent.create(Settings.builder().set(RemoteSettings.REMOTE_ENGINE, "blocking").build())) {
            assertThatThrownBy(() -> agent.attach(RemoteBackend.factory()))
                    .hasMessageContaining("the blocking engine needs worker threads");
        }
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings())) {
            assertThatThrownBy(() -> fixture.remote.open("ftp://example.com/x"))
                    .hasMessageContaining("unsupported location").hasMessageContaining("s3://");
        }
    }

    /** The first byte a {@code Range: bytes=A-B} header asks for. */
    private static long rangeStart(String range) {
        return Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
    }
}
