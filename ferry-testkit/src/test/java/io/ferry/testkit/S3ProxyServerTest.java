package io.ferry.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real s3proxy: signatures checked or not, multipart uploads and ranged GETs, and no process left after close. */
class S3ProxyServerTest {
    private static final int PART_SIZE = 5 << 20;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRefuseUnsignedRequestsAndStopWithoutALeftover() throws Exception {
        long startNs = System.nanoTime();
        S3ProxyServer s3 = S3ProxyServer.start();
        long startMs = (System.nanoTime() - startNs) / 1_000_000;
        ProcessHandle process = s3.processHandle();
        try (s3) {
            s3.createBucket("private");
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(uri(s3, "/private")).build(), BodyHandlers.ofString());

            assertThat(s3.endpoint().toString()).startsWith("http://127.0.0.1:");
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("AccessDenied");
            assertThatThrownBy(() -> s3.createBucket("b")).isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(process.isAlive()).isFalse();
        System.out.println("s3proxy answered HTTP " + startMs + " ms after start");
    }

    @Test
    void shouldTakeAMultipartUploadOfFiveMebibytePartsAndServeRanges() throws Exception {
        byte[] object = ServedObjectTest.randomBytes(PART_SIZE + (1 << 20));
        try (S3ProxyServer s3 = S3ProxyServer.startAnonymous()) {
            s3.createBucket("bucket");
            String key = "/bucket/object.bin";
            String uploadId = element("UploadId", send(s3, "POST", key + "?uploads", new byte[0]).body());
            String firstETag = putPart(s3, key, uploadId, 1, Arrays.copyOfRange(object, 0, PART_SIZE));
            String secondETag = putPart(s3, key, uploadId, 2, Arrays.copyOfRange(object, PART_SIZE, object.length));
            String complete = "<CompleteMultipartUpload>"
                    + "<Part><PartNumber>1</PartNumber><ETag>" + firstETag + "</ETag></Part>"
                    + "<Part><PartNumber>2</PartNumber><ETag>" + secondETag + "</ETag></Part>"
                    + "</CompleteMultipartUpload>";
            assertThat(send(s3, "POST", key + "?uploadId=" + uploadId, complete.getBytes()).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(uri(s3, key))
                    .header("Range", "bytes=" + (PART_SIZE - 10) + "-" + (PART_SIZE + 9)).build(), BodyHandlers.ofByteArray());

            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + (PART_SIZE - 10) + "-" + (PART_SIZE + 9) + "/" + object.length);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(object, PART_SIZE - 10, PART_SIZE + 10));
        }
    }

    @Test
    void shouldNameTheOverrideWhenTheJarIsMissing() {
        System.setProperty(S3ProxyJar.OVERRIDE_PROPERTY, "/nonexistent/s3proxy.jar");
        try {
            assertThatThrownBy(S3ProxyServer::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/s3proxy.jar")
                    .hasMessageContaining("-Dferry.s3proxy.jar");
        } finally {
            System.clearProperty(S3ProxyJar.OVERRIDE_PROPERTY);
        }
    }

    private String putPart(S3ProxyServer s3, String key, String uploadId, int number, byte[] part) throws Exception {
        HttpResponse<String> response = send(s3, "PUT", key + "?partNumber=" + number + "&uploadId=" + uploadId, part);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private HttpResponse<String> send(S3ProxyServer s3, String method, String target, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(s3, target)).method(method, BodyPublishers.ofByteArray(body)).build(),
                BodyHandlers.ofString());
    }

    private static URI uri(S3ProxyServer s3, String target) {
        return s3.endpoint().resolve(target);
    }

    private static String element(String name, String xml) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertThat(matcher.find()).as(xml).isTrue();
        return matcher.group(1);
    }
}
