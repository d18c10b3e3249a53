package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.remote.s3.S3Settings;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The media type and storage class of an upload reach S3 (s3proxy) on a single PUT and on a multipart upload. */
class ObjectMetadataTest {
    private static final long PART = 5L << 20;

    @TempDir
    static Path home;
    private static S3ProxyServer s3;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.startAnonymous();
        s3.createBucket("bucket");
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000_000, (int) (2 * PART + 1)})
    void shouldCreateTheObjectWithItsMediaTypeAndStorageClass(int size) throws Exception {
        String key = "typed-" + size + ".json";
        ObjectMetadata metadata = ObjectMetadata.NONE.withContentType("application/x-ferry-test").withStorageClass("STANDARD");
        try (FaultyHttpServer proxy = FaultyHttpServer.forwardingTo(s3.endpoint());
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks()
                     .set(RemoteSettings.PART_SIZE, PART).set(S3Settings.S3_ANONYMOUS, "on"),
                     factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", proxy.baseUri().toString(),
                             "AWS_REGION", "us-east-1"), home))) {
            RemoteObject object = fixture.remote.create("s3://bucket/" + key, size, metadata);
            MemorySegment memory = fixture.arena.allocate(size);
            memory.copyFrom(MemorySegment.ofArray(RemoteFixture.randomBytes(size, 6)));

            fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            RecordedRequest creating = proxy.requests().stream()
                    .filter(r -> r.method().equals(size > PART ? "POST" : "PUT")).findFirst().orElseThrow();
            assertThat(creating.header("x-amz-storage-class")).isEqualTo("STANDARD");
            assertThat(creating.header("Content-Type")).isEqualTo("application/x-ferry-test");
        }
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/bucket/" + key))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/x-ferry-test");
    }

    @Test
    void shouldRefuseAStorageClassForAnHttpObjectAndMalformedValues() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            assertThatThrownBy(() -> fixture.remote.create("http://127.0.0.1:1/x", 10, ObjectMetadata.NONE.withStorageClass("STANDARD")))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e).hasMessageContaining("only s3:// objects have one"));
        }
        assertThatThrownBy(() -> ObjectMetadata.NONE.withContentType("text/plain\r\nX: y")).isInstanceOfSatisfying(
                FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> ObjectMetadata.NONE.withStorageClass("standard ia")).isInstanceOfSatisfying(
                FerryException.class, e -> assertThat(e).hasMessageContaining("expected an S3 storage class"));
    }
}
