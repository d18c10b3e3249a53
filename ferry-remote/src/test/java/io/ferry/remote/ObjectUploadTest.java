package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.remote.s3.S3Settings;
import io.ferry.testkit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uploads whose parts come as data is read, against a real s3proxy (anonymous, so that the test can
 * list the uploads in progress; the requests are MultipartWrite's, which S3ProxyTest runs signed).
 */
class ObjectUploadTest {
    private static final int PART = (int) ObjectUpload.MIN_PART_SIZE;

    @TempDir
    static Path home;
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.anonymous("ferry");

    private static RemoteFixture fixture(String engine) {
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", S3PROXY.server().endpoint().toString(),
                "AWS_REGION", "us-east-1");
        return new RemoteFixture(engine, RemoteFixture.smallTasks().set(S3Settings.S3_ANONYMOUS, "on"),
                factory -> factory.environment(environment, home));
    }

    private static boolean inProgress(String key) {
        return S3PROXY.server().multipartUploads("ferry").stream().anyMatch(upload -> upload.key().equals(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldPutTheObjectTogetherFromPartsWrittenSideBySide(String engine) {
        byte[] content = RemoteFixture.randomBytes(3 * PART + 12_345, 21);
        String key = "streamed-" + engine + ".bin";
        try (RemoteFixture fixture = fixture(engine)) {
            ObjectUpload upload = fixture.remote.startUpload("s3://ferry/" + key, ObjectMetadata.NONE);
            assertThat(inProgress(key)).isTrue();
            List<Transfer> parts = new ArrayList<>();
            for (int first = 0; first < content.length; first += PART) {
                int length = Math.min(PART, content.length - first);
                MemorySegment memory = fixture.arena.allocate(length);
                MemorySegment.copy(MemorySegment.ofArray(content), first, memory, 0, length);
                Transfer part = fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, upload.nextPart(length), 0)));
                part.post();
                parts.add(part);
            }
            fixture.pollUntil(() -> parts.stream().allMatch(p -> p.state().isComplete()));
            parts.forEach(p -> p.status().throwIfFailed());

            assertThat(upload.complete()).isEqualTo("s3://ferry/" + key);
            assertThat(inProgress(key)).isFalse();
            assertThat(fixture.download("s3://ferry/" + key)).isEqualTo(content);
        }
    }

    @Test
    void shouldAbortAnUploadThatIsNotCompletedAndLeaveNothing() {
        String key = "aborted.bin";
        try (RemoteFixture fixture = fixture("multiplexed")) {
            ObjectUpload upload = fixture.remote.startUpload("s3://ferry/" + key, ObjectMetadata.NONE);
            MemorySegment memory = fixture.arena.allocate(PART);
            fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, upload.nextPart(PART), 0))).throwIfFailed();
            assertThat(S3PROXY.server().multipartUploads("ferry")).anySatisfy(u -> assertThat(u.key()).isEqualTo(key));

            upload.close();

            assertThat(inProgress(key)).isFalse();
            assertThatThrownBy(() -> fixture.remote.open("s3://ferry/" + key)).isInstanceOfSatisfying(HttpStatusException.class,
                    e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> upload.nextPart(1)).isInstanceOfSatisfying(FerryException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED));
        }
    }

    @Test
    void shouldRefuseToCompleteWithAPartNotWrittenAndBadPartSizes() {
        try (RemoteFixture fixture = fixture("multiplexed")) {
            ObjectUpload upload = fixture.remote.startUpload("s3://ferry/refused.bin", ObjectMetadata.NONE);
            assertThatThrownBy(upload::complete).hasMessage("s3://ferry/refused.bin: cannot complete an upload without parts");
            upload.nextPart(PART);
            assertThatThrownBy(upload::complete)
                    .hasMessage("s3://ferry/refused.bin: cannot complete an upload whose part 1 was not written");
            assertThatThrownBy(() -> upload.nextPart(0)).hasMessageContaining("has 1 to 5368709120 bytes, not 0");
            upload.abort();
            assertThat(inProgress("refused.bin")).isFalse();
        }
        try (RemoteFixture fixture = fixture("multiplexed")) {
            assertThatThrownBy(() -> fixture.remote.startUpload("http://127.0.0.1:1/x", ObjectMetadata.NONE))
                    .hasMessage("http://127.0.0.1:1/x: an upload in parts needs an s3:// object (an S3 multipart upload)");
        }
    }
}
