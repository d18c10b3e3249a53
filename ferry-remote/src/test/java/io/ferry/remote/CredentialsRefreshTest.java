package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.remote.s3.AwsCredentials;
import io.ferry.remote.s3.AwsCredentialsProvider;
import io.ferry.remote.s3.ManualExecutor;
import io.ferry.testkit.ContainerCredentialsServer;
import io.ferry.testkit.IssuedCredentials;
import io.ferry.testkit.RecordedRequest;
import io.ferry.testkit.RecordingProxy;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Temporary credentials that fall due in the middle of a transfer: the duty cycle keeps signing
 * with the credentials at hand and hands the refresh to the application's executor; the requests
 * signed after it carry the new key. Two s3proxy servers, each knowing one of the keys, hold the
 * same object; a recording proxy in front sends each request to the one that knows its key.
 */
class CredentialsRefreshTest {
    private static final String FIRST = "ASIAFIRSTKEY";
    private static final String SECOND = "ASIASECONDKEY";
    private static final int SIZE = 4 << 20;

    @TempDir
    Path home;

    private static void upload(S3ProxyServer s3, byte[] content) {
        AwsCredentials keys = new AwsCredentials(s3.accessKey(), s3.secretKey(), null);
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(), f -> f.credentials(AwsCredentialsProvider.of(keys))
                .environment(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString(), "AWS_REGION", s3.region())))) {
            RemoteObject object = fixture.remote.create("s3://ferry/big.bin", content.length);
            MemorySegment memory = fixture.arena.allocate(content.length);
            MemorySegment.copy(MemorySegment.ofArray(content), 0, memory, 0, content.length);
            fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
        }
    }

    private static boolean signedBy(RecordedRequest request, String key) {
        String authorization = request.header("Authorization");
        return authorization != null && authorization.contains("Credential=" + key + "/");
    }

    private static long rangeStart(RecordedRequest request) {
        String range = request.header("Range");
        return Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
    }

    @Test
    void shouldSignWithTheRefreshedKeyAfterTheExecutorRenewedTheCredentialsMidTransfer() {
        byte[] content = RemoteFixture.randomBytes(SIZE, 11);
        ManualExecutor refresh = new ManualExecutor();
        try (S3ProxyServer first = S3ProxyServer.start(FIRST, "first-secret");
             S3ProxyServer second = S3ProxyServer.start(SECOND, "second-secret");
             ContainerCredentialsServer container = ContainerCredentialsServer.start();
             RecordingProxy proxy = RecordingProxy.start(r -> signedBy(r, FIRST) ? first.endpoint() : second.endpoint())) {
            first.createBucket("ferry");
            second.createBucket("ferry");
            upload(first, content);
            upload(second, content);
            container.issue(new IssuedCredentials(FIRST, "first-secret", "first-token", Instant.now().plus(Duration.ofMinutes(4))))
                    .issue(new IssuedCredentials(SECOND, "second-secret", "second-token", Instant.now().plus(Duration.ofHours(1))));
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", proxy.endpoint().toString(), "AWS_REGION", first.region(),
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", container.uri("/creds").toString(), "AWS_EC2_METADATA_DISABLED", "true");
            try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(),
                    f -> f.environment(env, home).credentialsRefresh(refresh))) {
                RemoteObject object = fixture.remote.open("s3://ferry/big.bin");
                MemorySegment memory = fixture.sentinelMemory(SIZE);
                Transfer read = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));
                read.post();
                pollUntil(fixture, () -> proxy.requests().stream().filter(r -> r.method().equals("GET") && signedBy(r, FIRST)).count() >= 3);

                assertThat(container.requests()).as("the duty cycle never asks the source itself").hasSize(1);
                assertThat(refresh.pending()).isEqualTo(1);
                refresh.runAll();
                read.await(RemoteFixture.AWAIT).throwIfFailed();
                read.release();

                assertThat(RemoteFixture.bytes(memory)).isEqualTo(content);
            }
            assertThat(container.requests()).hasSize(2);
            List<RecordedRequest> reads = proxy.requests().stream().filter(r -> r.method().equals("GET")).toList();
            assertThat(reads).as("reads signed with the refreshed key").anyMatch(r -> signedBy(r, SECOND));
            Predicate<RecordedRequest> firstKey = r -> signedBy(r, FIRST);
            long lastWithFirst = reads.stream().filter(firstKey).mapToLong(CredentialsRefreshTest::rangeStart).max().orElseThrow();
            long firstWithSecond = reads.stream().filter(r -> signedBy(r, SECOND)).mapToLong(CredentialsRefreshTest::rangeStart).min()
                    .orElseThrow();
            assertThat(lastWithFirst).as("every range signed before the refresh precedes those signed after it").isLessThan(firstWithSecond);
            assertThat(reads).allMatch(r -> signedBy(r, FIRST) || signedBy(r, SECOND));
        }
    }

    /** Drives the agent on this thread until {@code condition} holds, for at most a minute. */
    private static void pollUntil(RemoteFixture fixture, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + RemoteFixture.AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("the condition did not hold within " + RemoteFixture.AWAIT);
            }
            fixture.agent.poll();
        }
    }
}
