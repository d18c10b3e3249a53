package io.ferry.remote.http;

import io.ferry.net.NetLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 pipelining on one connection, against a hand-driven server socket: the second request
 * leaves while the first response is still arriving, responses are matched in order, and a
 * connection that dies fails both exchanges.
 */
class HttpConnectionPipeliningTest {
    static void pollUntil(NetLoop loop, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
            if (loop.poll() == 0) {
                loop.await(10_000_000);
            }
        }
    }

    /** Polls the client until its request reached the server, then reads the request head. */
    static String readRequestHead(NetLoop loop, InputStream in) throws IOException {
        pollUntil(loop, () -> available(in) > 0);
        return readRequestHead(in);
    }

    static int available(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String readRequestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("request bytes").isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private ServerSocket server;
    private NetLoop reactor;
    private HttpConnection connection;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        reactor = NetLoop.open("pipelining-test");
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
        connection = HttpConnection.open(Endpoint.resolve(uri, ProxyRules.NONE), null, reactor, 30_000_000_000L);
    }

    @AfterEach
    void disconnect() throws IOException {
        connection.close();
        reactor.close();
        server.close();
    }

    @Test
    void shouldSendTheNextRequestWhileTheFirstResponseArrivesAndMatchResponsesInOrder() throws IOException {
        RecordingExchange first = new RecordingExchange("/one");
        RecordingExchange second = new RecordingExchange("/two");
        connection.send(first);
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            assertThat(readRequestHead(reactor, in)).startsWith("GET /one ");
            assertThat(connection.canPipeline()).as("not before the first response head").isFalse();

            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst");
            pollUntil(reactor, () -> first.head);
            assertThat(connection.canPipeline()).isTrue();
            connection.send(second);
            assertThat(connection.canPipeline()).as("one pipelined request at a time").isFalse();

            assertThat(readRequestHead(reactor, in)).as("sent before the first body ended").startsWith("GET /two ");
            write(out, "-body" + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
            pollUntil(reactor, () -> second.ended);

            assertThat(first.ended).isTrue();
            assertThat(first.body.toString(StandardCharsets.US_ASCII)).isEqualTo("first-body");
            assertThat(second.body.toString(StandardCharsets.US_ASCII)).isEqualTo("second");
            assertThat(connection.isIdle()).isTrue();
            assertThat(connection.completedExchanges()).isEqualTo(2);
        }
    }

    @Test
    void shouldFailBothExchangesWhenThePipelinedConnectionDies() throws IOException {
        RecordingExchange first = new RecordingExchange("/one");
        RecordingExchange second = new RecordingExchange("/two");
        connection.send(first);
        try (Socket socket = server.accept()) {
            readRequestHead(reactor, socket.getInputStream());
            write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfir");
            pollUntil(reactor, () -> first.head);
            connection.send(second);
            readRequestHead(reactor, socket.getInputStream());
        }
        pollUntil(reactor, () -> first.failure != null && second.failure != null);

        assertThat(first.ended).isFalse();
        assertThat(second.ended).isFalse();
        assertThat(second.failure.getMessage()).contains("pipelined request");
        assertThat(connection.isClosed()).isTrue();
    }
}
