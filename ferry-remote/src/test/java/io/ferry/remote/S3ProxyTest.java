package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.settings.Settings;
import io.ferry.testkit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 against a real s3proxy on 127.0.0.1 with signature checking on: signed reads and writes,
 * multipart uploads with parts in parallel, and the server's errors.
 */
class S3ProxyTest {
    private static final long PART = 5L << 20;

    @TempDir
    static Path home;
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.signed("ferry");

    private static Map<String, String> environment(String secret) {
        return Map.of("AWS_ENDPOINT_URL", S3PROXY.server().endpoint().toString(), "AWS_REGION", S3PROXY.server().region(),
                "AWS_ACCESS_KEY_ID", S3PROXY.server().accessKey(), "AWS_SECRET_ACCESS_KEY", secret);
    }

    private static RemoteFixture fixture(String engine, String secret) {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.PART_SIZE, PART)
                .set(RemoteSettings.TASK_SIZE, 1L << 20);
        return new RemoteFixture(engine, settings, factory -> factory.environment(environment(secret), home));
    }

    private static void upload(RemoteFixture fixture, String key, byte[] content) {
        RemoteObject object = fixture.remote.create("s3://ferry/" + key, content.length);
        MemorySegment memory = fixture.arena.allocate(content.length);
        MemorySegment.copy(MemorySegment.ofArray(content), 0, memory, 0, content.length);
        fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
    }

    private static byte[] download(RemoteFixture fixture, String key) {
        return fixture.download("s3://ferry/" + key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldPutAndReadBackASmallObject(String engine) {
        byte[] content = RemoteFixture.randomBytes(1_234_567, 7);
        try (RemoteFixture fixture = fixture(engine, S3PROXY.server().secretKey())) {
            upload(fixture, "small/" + engine + " with space+plus.bin", content);

            assertThat(download(fixture, "small/" + engine + " with space+plus.bin")).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldOpenAnEmptyObjectAtSizeZero(String engine) {
        try (RemoteFixture fixture = fixture(engine, S3PROXY.server().secretKey())) {
            fixture.remote.createEmpty("s3://ferry/empty-" + engine).close();

            try (RemoteObject empty = fixture.remote.open("s3://ferry/empty-" + engine)) {
                assertThat(empty.size()).as("HEAD's Content-Length 0, which S3 states, not a GET refused with 416").isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldUploadALargeObjectInPartsAndReadItBackInRanges(String engine) {
        byte[] content = RemoteFixture.randomBytes((int) (3 * PART + 777), 8);
        try (RemoteFixture fixture = fixture(engine, S3PROXY.server().secretKey())) {
            upload(fixture, "large-" + engine + ".bin", content);

            assertThat(download(fixture, "large-" + engine + ".bin")).isEqualTo(content);
            assertThat(fixture.remote.bytesMoved()).isEqualTo(2L * content.length);
        }
    }

    @Test
    void shouldNameTheS3ErrorOfAWrongSignatureAndAMissingKey() {
        try (RemoteFixture fixture = fixture("multiplexed", "not-the-secret")) {
            assertThatThrownBy(() -> fixture.remote.open("s3://ferry/anything.bin"))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("s3://ferry/anything.bin", "403", "SignatureDoesNotMatch");
                    });
        }
        try (RemoteFixture fixture = fixture("multiplexed", S3PROXY.server().secretKey())) {
            assertThatThrownBy(() -> fixture.remote.open("s3://ferry/missing.bin"))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("s3://ferry/missing.bin", "404");
                    });
        }
    }

    @Test
    void shouldAbortAMultipartUploadThatFailsSoNoPartsRemain() {
        byte[] content = RemoteFixture.randomBytes((int) (2 * PART + 1), 9);
        try (RemoteFixture fixture = fixture("multiplexed", S3PROXY.server().secretKey())) {
            RemoteObject object = fixture.remote.create("s3://no-such-bucket/x.bin", content.length);
            MemorySegment memory = fixture.arena.allocate(content.length);

            TransferStatus status = fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0)));

            assertThat(status.failures()).hasSize(1);
            assertThat(status.failures().getFirst().cause().getMessage()).contains("NoSuchBucket", "start multipart upload");
        }
    }
}
