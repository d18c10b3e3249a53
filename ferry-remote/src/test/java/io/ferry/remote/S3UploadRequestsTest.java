package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.remote.s3.S3Settings;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import io.ferry.testkit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What S3 uploads say beside their bytes, seen on the way to s3proxy. The CRC32C of the bytes,
 * which the server checks (s3proxy refuses a mismatch with BadDigest, as S3 does): on a single PUT
 * and every part of a multipart upload, whose start declares the algorithm and whose completion
 * lists each part's checksum. The media type and storage class, on the request that creates the
 * object.
 */
class S3UploadRequestsTest {
    private static final long PART = 5L << 20;

    @TempDir
    static Path home;
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.anonymous("bucket");

    private static String crc32c(byte[] bytes, long from, long length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, (int) from, (int) length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static List<RecordedRequest> uploadThroughAProxy(String key, byte[] content, ObjectMetadata metadata) {
        try (FaultyHttpServer proxy = FaultyHttpServer.forwardingTo(S3PROXY.server().endpoint());
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks()
                     .set(RemoteSettings.PART_SIZE, PART).set(S3Settings.S3_ANONYMOUS, "on"),
                     factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", proxy.baseUri().toString(),
                             "AWS_REGION", "us-east-1"), home))) {
            RemoteObject object = fixture.remote.create("s3://bucket/" + key, content.length, metadata);
            MemorySegment memory = fixture.arena.allocate(content.length);
            memory.copyFrom(MemorySegment.ofArray(content));

            fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            RemoteObject written = fixture.remote.open("s3://bucket/" + key);
            MemorySegment back = fixture.sentinelMemory(content.length);
            fixture.run(TransferOp.READ, List.of(Descriptor.of(back, written, 0))).throwIfFailed();
            assertThat(RemoteFixture.bytes(back)).isEqualTo(content);
            return proxy.requests();
        }
    }

    @Test
    void shouldSendTheChecksumOfASinglePut() {
        byte[] content = RemoteFixture.randomBytes(1_000_003, 3);

        List<RecordedRequest> requests = uploadThroughAProxy("single.bin", content, ObjectMetadata.NONE);

        assertThat(requests).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(put -> assertThat(put.header("x-amz-checksum-crc32c")).isEqualTo(crc32c(content, 0, content.length)));
    }

    @Test
    void shouldSendTheChecksumOfEveryPartAndDeclareItAtTheStart() {
        byte[] content = RemoteFixture.randomBytes((int) (2 * PART + 12_345), 4);

        List<RecordedRequest> requests = uploadThroughAProxy("parts.bin", content, ObjectMetadata.NONE);

        assertThat(requests).filteredOn(r -> r.method().equals("POST") && r.target().contains("uploads"))
                .singleElement().satisfies(start -> assertThat(start.header("x-amz-checksum-algorithm")).isEqualTo("CRC32C"));
        List<RecordedRequest> parts = requests.stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(parts).hasSize(3);
        for (RecordedRequest part : parts) {
            int number = Integer.parseInt(part.target().replaceAll(".*partNumber=(\\d+).*", "$1"));
            long first = (number - 1) * PART;
            assertThat(part.header("x-amz-checksum-crc32c")).as("part %d", number)
                    .isEqualTo(crc32c(content, first, Math.min(PART, content.length - first)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000_000, (int) (2 * PART + 1)})
    void shouldCreateTheObjectWithItsMediaTypeAndStorageClass(int size) throws Exception {
        String key = "typed-" + size + ".json";
        ObjectMetadata metadata = ObjectMetadata.NONE.withContentType("application/x-ferry-test").withStorageClass("STANDARD");

        List<RecordedRequest> requests = uploadThroughAProxy(key, RemoteFixture.randomBytes(size, 6), metadata);

        RecordedRequest creating = requests.stream().filter(r -> r.method().equals(size > PART ? "POST" : "PUT")).findFirst()
                .orElseThrow();
        assertThat(creating.header("x-amz-storage-class")).isEqualTo("STANDARD");
        assertThat(creating.header("Content-Type")).isEqualTo("application/x-ferry-test");
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(S3PROXY.server().endpoint() + "/bucket/" + key)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/x-ferry-test");
    }

    @Test
    void shouldCreateAnEmptyObjectWithItsMediaType() throws Exception {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks().set(S3Settings.S3_ANONYMOUS, "on"),
                factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", S3PROXY.server().endpoint().toString(),
                        "AWS_REGION", "us-east-1"), home))) {
            fixture.remote.createEmpty("s3://bucket/empty.txt", ObjectMetadata.NONE.withContentType("text/plain"));
        }
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(S3PROXY.server().endpoint() + "/bucket/empty.txt")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(head.headers().firstValue("Content-Length")).hasValue("0");
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
