package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.remote.s3.S3Settings;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import io.ferry.testkit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A multipart upload to s3proxy that is cancelled, or whose agent is closed, in the middle is
 * aborted: no upload stays in the bucket. A test server in front of s3proxy stalls one part, so
 * the upload is in the middle for as long as the test needs.
 */
class MultipartCancelTest {
    private static final long PART = 5L << 20;
    private static final long SIZE = 4 * PART;

    @TempDir
    static Path home;
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.anonymous("bucket");
    private FaultyHttpServer proxy;
    private RemoteFixture fixture;

    @BeforeEach
    void startProxy() {
        proxy = FaultyHttpServer.forwardingTo(S3PROXY.server().endpoint());
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        proxy.close();
    }

    private RemoteFixture fixture(String engine) {
        fixture = new RemoteFixture(engine, RemoteFixture.smallTasks().set(RemoteSettings.PART_SIZE, PART)
                .set(RemoteSettings.HTTP_TIMEOUT, 600_000_000_000L).set(S3Settings.S3_ANONYMOUS, "on"),
                factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", proxy.baseUri().toString(), "AWS_REGION", "us-east-1"),
                        home));
        return fixture;
    }

    /** Posts an upload of {@code key} whose first part stalls, and returns once another part is in the bucket. */
    private Transfer uploadUntilAPartIsIn(String engine, String key) {
        proxy.script().next(Fault.stallBeforeResponse().on("PUT"));
        RemoteFixture fixture = fixture(engine);
        RemoteObject object = fixture.remote.create("s3://bucket/" + key, SIZE);
        MemorySegment memory = fixture.arena.allocate(SIZE);
        Transfer transfer = fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0)));
        transfer.post();
        fixture.pollUntil(() -> S3PROXY.server().multipartUploads("bucket").stream().anyMatch(u -> u.key().equals(key)
                && !S3PROXY.server().uploadedParts("bucket", u).isEmpty()));
        return transfer;
    }

    private static void assertNothingLeftOf(String key) {
        assertThat(S3PROXY.server().multipartUploads("bucket")).as("uploads in progress").noneMatch(upload -> upload.key().equals(key));
        try (RemoteFixture reader = new RemoteFixture("multiplexed", RemoteFixture.smallTasks().set(S3Settings.S3_ANONYMOUS, "on"),
                factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", S3PROXY.server().endpoint().toString(), "AWS_REGION", "us-east-1"),
                        home))) {
            assertThatThrownBy(() -> reader.remote.open("s3://bucket/" + key)).isInstanceOfSatisfying(HttpStatusException.class,
                    e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldAbortAMultipartUploadCancelledInTheMiddle(String engine) {
        Transfer transfer = uploadUntilAPartIsIn(engine, "cancelled-" + engine + ".bin");

        transfer.cancel();
        TransferStatus status = transfer.await(RemoteFixture.AWAIT);

        assertThat(status.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(status.failures().getFirst().cause().errorCode()).isEqualTo(ErrorCode.CANCELLED);
        assertNothingLeftOf("cancelled-" + engine + ".bin");
        assertThat(proxy.requests()).filteredOn(r -> r.method().equals("DELETE")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldAbortAMultipartUploadWhoseAgentIsClosedInTheMiddle(String engine) {
        uploadUntilAPartIsIn(engine, "closed-" + engine + ".bin");

        fixture.agent.close();

        assertNothingLeftOf("closed-" + engine + ".bin");
    }

    @Test
    void shouldAbortAnUploadCancelledWhileItWasBeingStarted() {
        CountDownLatch started = new CountDownLatch(1);
        proxy.script().next(Fault.holdUntil(started).on("POST"));
        RemoteFixture fixture = fixture("multiplexed");
        RemoteObject object = fixture.remote.create("s3://bucket/starting.bin", SIZE);
        Transfer transfer = fixture.agent.prepare(TransferOp.WRITE,
                List.of(Descriptor.of(fixture.arena.allocate(SIZE), object, 0)));

        transfer.post();
        fixture.pollUntil(() -> proxy.requestCount() == 1);
        transfer.cancel();
        started.countDown();
        TransferStatus status = transfer.await(RemoteFixture.AWAIT);

        assertThat(status.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(proxy.requests()).extracting(RecordedRequest::method).containsExactly("POST", "DELETE");
        assertNothingLeftOf("starting.bin");
    }
}
