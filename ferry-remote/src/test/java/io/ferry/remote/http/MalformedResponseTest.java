package io.ferry.remote.http;

import io.ferry.net.NetLoop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a server sends back, the exchange ends with a clear failure: no hang, no crash, no success. */
class MalformedResponseTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "garbage\r\n\r\n",
            "HTTP/1.1 abc OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Length: 12\r\n\r\n0123456789",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "\u0000\u0001\u0002\u00ff\r\n\r\n"})
    void shouldFailTheExchangeOnAMalformedResponse(String response) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             NetLoop loop = NetLoop.open("malformed-test")) {
            HttpConnection connection = HttpConnection.open(
                    Endpoint.resolve(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/")), null, loop, 30_000_000_000L);
            RecordingExchange outcome = new RecordingExchange("/x");
            connection.send(outcome);
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (in.available() == 0 && System.nanoTime() < deadline) {
                    if (loop.poll() == 0) {
                        loop.await(10_000_000);
                    }
                }
                in.readNBytes(in.available());
                socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                while (outcome.failure == null && !outcome.ended && System.nanoTime() < deadline) {
                    if (loop.poll() == 0) {
                        loop.await(10_000_000);
                    }
                }
            }
            assertThat(outcome.ended).as("never a success").isFalse();
            assertThat(outcome.failure).as("a failure, not a hang").isNotNull();
            assertThat(outcome.failure.getMessage()).contains("127.0.0.1");
            assertThat(connection.isClosed()).isTrue();
        }
    }
}
