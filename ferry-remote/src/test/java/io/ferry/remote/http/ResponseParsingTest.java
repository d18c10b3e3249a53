package io.ferry.remote.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Response heads, body framing and chunked bodies, parsed from bytes as they arrive. */
class ResponseParsingTest {
    private static final String SERVER = "http://example.test";

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ResponseHead head(String text) {
        return HeadParser.parse(bytes(text), SERVER);
    }

    @Test
    void shouldWaitForTheWholeHeadThenStopRightAfterIt() {
        ByteBuffer partial = bytes("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/10\r\n");
        assertThat(HeadParser.parse(partial, SERVER)).isNull();
        assertThat(partial.position()).isZero();

        ByteBuffer whole = bytes("HTTP/1.1 206 Partial Content\r\ncontent-range: bytes 0-9/10\r\nX-A:  a b \r\n\r\nbody");
        ResponseHead head = HeadParser.parse(whole, SERVER);
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.reason()).isEqualTo("Partial Content");
        assertThat(head.headers().get("Content-Range")).isEqualTo("bytes 0-9/10");
        assertThat(head.headers().get("x-a")).isEqualTo("a b");
        assertThat(StandardCharsets.ISO_8859_1.decode(whole).toString()).isEqualTo("body");
    }

    @Test
    void shouldKeepAliveByVersionAndConnectionHeader() {
        assertThat(head("HTTP/1.1 200 OK\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("HTTP/1.0 200 OK\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("HTTP/1.1 204\n\n").reason()).as("a bare LF, no reason").isEmpty();
    }

    @Test
    void shouldRefuseAHeadLongerThanTheLimitNamingTheServer() {
        String huge = "HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(HeadParser.MAX_HEAD_BYTES) + "\r\n";
        assertThatThrownBy(() -> head(huge)).isInstanceOf(MalformedResponse.class)
                .hasMessage("malformed response from " + SERVER + ": the response head is longer than 32768 bytes");
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\n folded: x\r\n\r\n")).hasMessageContaining("not a header field");
    }

    @Test
    void shouldFrameBodiesByRequestStatusCodingAndLength() {
        assertThat(BodyFraming.of(head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), true, SERVER).kind())
                .as("the answer to HEAD").isEqualTo(BodyFraming.Kind.NONE);
        assertThat(BodyFraming.of(head("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"), false, SERVER).kind())
                .isEqualTo(BodyFraming.Kind.NONE);
        assertThat(BodyFraming.of(head("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n"), false, SERVER))
                .isEqualTo(new BodyFraming(BodyFraming.Kind.LENGTH, 5));
        assertThat(BodyFraming.of(head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 5\r\n\r\n"),
                false, SERVER).kind()).isEqualTo(BodyFraming.Kind.CHUNKED);
        assertThat(BodyFraming.of(head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"), false, SERVER).kind())
                .isEqualTo(BodyFraming.Kind.UNTIL_CLOSE);
        assertThat(BodyFraming.of(head("HTTP/1.0 200 OK\r\n\r\n"), false, SERVER).kind()).isEqualTo(BodyFraming.Kind.UNTIL_CLOSE);
        assertThatThrownBy(() -> BodyFraming.of(head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
                false, SERVER)).hasMessageContaining("conflicting Content-Length values 5 and 6");
    }

    @Test
    void shouldDecodeAChunkedBodyHoweverItsBytesAreSplit() {
        String encoded = "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        for (int split = 1; split < encoded.length() - 4; split++) {
            ChunkedDecoder decoder = new ChunkedDecoder(SERVER);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            ByteBuffer first = bytes(encoded.substring(0, split));
            assertThat(decoder.decode(first, piece -> collect(piece, data))).isFalse();
            ByteBuffer rest = bytes(encoded.substring(split - first.remaining()));
            assertThat(decoder.decode(rest, piece -> collect(piece, data))).as("split at " + split).isTrue();
            assertThat(data.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello, world");
            assertThat(StandardCharsets.ISO_8859_1.decode(rest).toString()).isEqualTo("NEXT");
        }
        assertThatThrownBy(() -> new ChunkedDecoder(SERVER).decode(bytes("zz\r\n"), piece -> { }))
                .hasMessage("malformed response from " + SERVER + ": invalid chunk size 'zz'");
    }

    private static void collect(ByteBuffer piece, ByteArrayOutputStream data) {
        byte[] bytes = new byte[piece.remaining()];
        piece.get(piece.position(), bytes);
        data.writeBytes(bytes);
    }
}
