package io.ferry.remote.s3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small HTTP/1.1 exchange of the credential sources, against answers written byte for byte. */
class BlockingHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Answers one request with {@code answer} and returns the request head it read. */
    private static BlockingHttp.Reply exchange(String answer, String method, byte[] body, CompletableFuture<String> request)
            throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    request.complete(head.toString());
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    request.completeExceptionally(e);
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/path?a=b");
            return BlockingHttp.exchange(method, uri, Map.of("X-Test", "1"), body, TIMEOUT);
        }
    }

    @Test
    void shouldSendOneRequestThatClosesTheConnectionAndReadASizedBody() throws Exception {
        CompletableFuture<String> request = new CompletableFuture<>();

        BlockingHttp.Reply reply = exchange("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Answer: yes\r\n\r\nhello", "PUT", new byte[0], request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("hello");
        assertThat(reply.headers()).containsEntry("x-answer", "yes");
        assertThat(request.get()).startsWith("PUT /path?a=b HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:", "Connection: close\r\n", "Content-Length: 0\r\n", "X-Test: 1\r\n");
    }

    @Test
    void shouldReadAChunkedBodyAfterAnInterimAnswer() throws Exception {
        BlockingHttp.Reply reply = exchange("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nnot \r\n7\r\nallowed\r\n0\r\nTrailer: x\r\n\r\n", "GET", null, new CompletableFuture<>());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.reason()).isEqualTo("Forbidden");
        assertThat(reply.text()).isEqualTo("not allowed");
    }

    @Test
    void shouldReadABodyWithoutLengthToTheEndOfTheConnection() throws Exception {
        BlockingHttp.Reply reply = exchange("HTTP/1.0 200 OK\r\n\r\nuntil the end", "GET", null, new CompletableFuture<>());

        assertThat(reply.text()).isEqualTo("until the end");
    }

    @Test
    void shouldRefuseABodyCutShort() {
        assertThatThrownBy(() -> exchange("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "GET", null, new CompletableFuture<>()))
                .isInstanceOf(IOException.class).hasMessage("connection closed after 5 of 10 body bytes");
    }

    @Test
    void shouldRefuseWhatIsNotHttp() {
        assertThatThrownBy(() -> exchange("SSH-2.0-OpenSSH\r\n\r\n", "GET", null, new CompletableFuture<>()))
                .isInstanceOf(IOException.class).hasMessage("not an HTTP/1.1 response: SSH-2.0-OpenSSH");
    }
}
