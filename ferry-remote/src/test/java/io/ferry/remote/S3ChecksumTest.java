package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.TransferOp;
import io.ferry.remote.s3.S3Settings;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import io.ferry.testkit.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 uploads carry the CRC32C of their bytes, which the server checks (s3proxy refuses a mismatch
 * with BadDigest, as S3 does): a single PUT and every part of a multipart upload, whose start
 * declares the algorithm and whose completion lists each part's checksum.
 */
class S3ChecksumTest {
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

    private static String crc32c(byte[] bytes, long from, long length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, (int) from, (int) length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static List<RecordedRequest> uploadThroughAProxy(String key, byte[] content) {
        try (FaultyHttpServer proxy = FaultyHttpServer.forwardingTo(s3.endpoint());
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks()
                     .set(RemoteSettings.PART_SIZE, PART).set(S3Settings.S3_ANONYMOUS, "on"),
                     factory -> factory.environment(Map.of("AWS_ENDPOINT_URL", proxy.baseUri().toString(),
                             "AWS_REGION", "us-east-1"), home))) {
            RemoteObject object = fixture.remote.create("s3://bucket/" + key, content.length);
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

        List<RecordedRequest> requests = uploadThroughAProxy("single.bin", content);

        assertThat(requests).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(put -> assertThat(put.header("x-amz-checksum-crc32c")).isEqualTo(crc32c(content, 0, content.length)));
    }

    @Test
    void shouldSendTheChecksumOfEveryPartAndDeclareItAtTheStart() {
        byte[] content = RemoteFixture.randomBytes((int) (2 * PART + 12_345), 4);

        List<RecordedRequest> requests = uploadThroughAProxy("parts.bin", content);

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
}
