package io.ferry.testkit;

import io.ferry.testkit.RawHttpClient.RawResponse;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's normal answers, keep-alive and recording, through raw sockets and the JDK's HTTP client. */
class FaultyHttpServerTest extends ServedObjectTest {
    FaultyHttpServerTest() {
        super(100_000);
    }

    @Test
    void shouldAnswerAClosedRangeWith206AndItsContentRange() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin", "Range: bytes=10-19").read();

            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("Content-Range")).isEqualTo("bytes 10-19/100000");
            assertThat(response.header("Content-Length")).isEqualTo("10");
            assertThat(response.body()).isEqualTo(Arrays.copyOfRange(object, 10, 20));
        }
    }

    @Test
    void shouldAnswerOpenAndSuffixRangesUpToTheEnd() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse open = client.send("GET", "/object.bin", "Range: bytes=99990-").read();
            RawResponse suffix = client.send("GET", "/object.bin", "Range: bytes=-5").read();
            RawResponse pastTheEnd = client.send("GET", "/object.bin", "Range: bytes=99999-200000").read();

            assertThat(open.header("Content-Range")).isEqualTo("bytes 99990-99999/100000");
            assertThat(open.body()).isEqualTo(Arrays.copyOfRange(object, 99_990, 100_000));
            assertThat(suffix.header("Content-Range")).isEqualTo("bytes 99995-99999/100000");
            assertThat(pastTheEnd.header("Content-Range")).isEqualTo("bytes 99999-99999/100000");
        }
    }

    @Test
    void shouldAnswer416ForARangeStartingPastTheEnd() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin", "Range: bytes=100000-").read();

            assertThat(response.status()).isEqualTo(416);
            assertThat(response.header("Content-Range")).isEqualTo("bytes */100000");
        }
    }

    @Test
    void shouldAnswerTheWholeObjectWithoutRange() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.uri("object.bin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(object);
        }
    }

    @Test
    void shouldAnswerHeadWithTheLengthAndNoBody() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse head = client.send("HEAD", "/object.bin").read(true);
            RawResponse next = client.send("GET", "/object.bin", "Range: bytes=0-0").read();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("100000");
            assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(next.body()).containsExactly(object[0]);
        }
    }

    @Test
    void shouldGiveEveryVersionItsOwnValidatorsAndCheckPreconditions() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse before = client.send("HEAD", "/object.bin").read(true);
            server.put("/object.bin", randomBytes(100));
            RawResponse after = client.send("HEAD", "/object.bin").read(true);
            String oldTag = before.header("ETag");
            String newTag = after.header("ETag");

            assertThat(oldTag).startsWith("\"").endsWith("\"").isNotEqualTo(newTag);
            assertThat(after.header("Last-Modified")).isNotEqualTo(before.header("Last-Modified"));
            assertThat(client.send("GET", "/object.bin", "Range: bytes=0-9", "If-Match: " + oldTag).read().status())
                    .isEqualTo(412);
            assertThat(client.send("GET", "/object.bin", "Range: bytes=0-9", "If-Match: " + newTag).read().status())
                    .isEqualTo(206);
            assertThat(client.send("GET", "/object.bin", "If-Unmodified-Since: " + before.header("Last-Modified"))
                    .read().status()).isEqualTo(412);
            assertThat(client.send("GET", "/object.bin", "If-Unmodified-Since: " + after.header("Last-Modified"))
                    .read().status()).isEqualTo(200);
        }
    }

    @Test
    void shouldSendNoEtagAndIgnorePreconditionsWhenTurnedOff() {
        server.sendEtags(false).checkPreconditions(false);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin", "Range: bytes=0-9", "If-Match: \"other\"",
                    "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT").read();

            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("ETag")).isNull();
            assertThat(response.header("Last-Modified")).isNotNull();
        }
    }

    @Test
    void shouldAnswer404WithABodyForAnUnknownPath() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/missing?versionId=1").read();

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).contains("/missing");
        }
    }

    @Test
    void shouldStoreBodiesSentWithContentLengthOrChunked() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse sized = client.send("PUT", "/sized", "Content-Length: 5").sendRaw("hello").read();
            RawResponse chunked = client.send("PUT", "/chunked", "Transfer-Encoding: chunked")
                    .sendRaw("3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n").read();

            assertThat(sized.status()).isEqualTo(200);
            assertThat(chunked.status()).isEqualTo(200);
            assertThat(server.content("/sized")).hasValueSatisfying(body -> assertThat(body).asString().isEqualTo("hello"));
            assertThat(server.content("chunked")).hasValueSatisfying(body -> assertThat(body).asString().isEqualTo("abcde"));
            assertThat(server.requests()).extracting(RecordedRequest::bodyLength).containsExactly(5L, 5L);
        }
    }

    @Test
    void shouldAskForTheBodyWhenTheClientExpectsContinue() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(server.uri("/uploaded")).expectContinue(true)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(object)).build(), HttpResponse.BodyHandlers.discarding());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(server.content("/uploaded")).hasValue(object);
        }
    }

    @Test
    void shouldServeSeveralRequestsOnOneConnectionAndCloseWhenAsked() {
        try (RawHttpClient first = new RawHttpClient(server.port(), 200);
             RawHttpClient second = new RawHttpClient(server.port(), 200)) {
            first.send("GET", "/object.bin", "Range: bytes=0-9").read();
            first.send("GET", "/object.bin", "Range: bytes=10-19").read();
            RawResponse last = first.send("HEAD", "/object.bin", "Connection: close").read(true);
            second.send("HEAD", "/object.bin").read(true);

            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(first.closedByServer()).isTrue();
            assertThat(second.closedByServer()).isFalse();
            assertThat(server.requests()).extracting(RecordedRequest::connection).containsExactly(1, 1, 1, 2);
        }
    }

    @Test
    void shouldAnswer400AndCloseForAMalformedRequestThenGoOnServing() {
        for (String malformed : new String[] {"GARBAGE\r\n\r\n", "GET /x HTTP/1.1\r\nno colon\r\n\r\n",
                "PUT /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "GET /x HTTP/2.0\r\n\r\n",
                "PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
            try (RawHttpClient client = new RawHttpClient(server.port())) {
                RawResponse response = client.sendRaw(malformed).read();

                assertThat(response.status()).as(malformed).isEqualTo(400);
                assertThat(client.closedByServer()).as(malformed).isTrue();
            }
        }
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.send("HEAD", "/object.bin").read(true).status()).isEqualTo(200);
        }
    }

    @Test
    void shouldRecordMethodTargetAndHeadersCaseInsensitively() {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("GET", "/object.bin?partNumber=2", "X-Custom: one", "x-custom: two", "RANGE: bytes=0-0").read();
        }

        RecordedRequest request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.target()).isEqualTo("/object.bin?partNumber=2");
        assertThat(request.path()).isEqualTo("/object.bin");
        assertThat(request.header("range")).isEqualTo("bytes=0-0");
        assertThat(request.headers()).containsEntry("X-CUSTOM", "one, two");
        assertThat(server.requestCount()).isEqualTo(1);
        server.clearRequests();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldCloseQuicklyWithConnectionsOpen() {
        RawHttpClient idle = new RawHttpClient(server.port());
        idle.send("HEAD", "/object.bin").read(true);

        long start = System.nanoTime();
        server.close();

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(idle.closedByServer()).isTrue();
        idle.close();
    }
}
