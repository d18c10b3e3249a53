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

import static io.ferry.remote.http.HttpConnectionPipeliningTest.available;
import static io.ferry.remote.http.HttpConnectionPipeliningTest.pollUntil;
import static io.ferry.remote.http.HttpConnectionPipeliningTest.readRequestHead;
import static io.ferry.remote.http.HttpConnectionPipeliningTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exchanges that take a share of a body, against a hand-driven server socket: the rest is held,
 * unread, until the next exchange continues it without a request, and a body held too long is closed.
 */
class HttpConnectionSharesTest {
    private ServerSocket server;
    private NetLoop reactor;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        reactor = NetLoop.open("shares-test");
    }

    @AfterEach
    void stop() throws IOException {
        reactor.close();
        server.close();
    }

    private HttpConnection connect(long timeoutNs) {
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
        return HttpConnection.open(Endpoint.resolve(uri, ProxyRules.NONE), null, reactor, timeoutNs);
    }

    /** Sends {@code exchange}, takes its connection at the server and answers {@code response}; the caller closes the socket. */
    private Socket answer(HttpConnection connection, RecordingExchange exchange, String response) throws IOException {
        connection.send(exchange);
        Socket socket = server.accept();
        readRequestHead(reactor, socket.getInputStream());
        write(socket.getOutputStream(), response);
        return socket;
    }

    private static String text(RecordingExchange exchange) {
        return exchange.body.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldHoldTheRestOfABodyForTheExchangeThatContinuesIt() throws IOException {
        HttpConnection connection = connect(30_000_000_000L);
        RecordingExchange first = new RecordingExchange("/object");
        first.share = 4;
        try (Socket socket = answer(connection, first, "HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n\r\n012345")) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            pollUntil(reactor, () -> first.ended);

            assertThat(text(first)).isEqualTo("0123");
            assertThat(connection.isHeld()).isTrue();
            assertThat(connection.isIdle()).isFalse();
            assertThat(connection.canPipeline()).isFalse();
            assertThatThrownBy(() -> connection.send(new RecordingExchange("/other"))).isInstanceOf(IllegalStateException.class);

            RecordingExchange second = new RecordingExchange("/never-sent");
            connection.continueWith(second);
            pollUntil(reactor, () -> text(second).equals("45"));
            write(out, "6789");
            pollUntil(reactor, () -> second.ended);

            assertThat(text(second)).isEqualTo("456789");
            assertThat(second.head).as("a continuation sees no head").isFalse();
            assertThat(available(in)).as("no request for the continuation").isZero();
            assertThat(connection.isIdle()).isTrue();
            assertThat(first.failure).isNull();
            assertThat(second.failure).isNull();
        }
        connection.close();
    }

    @Test
    void shouldGiveAChunkedBodyWholeToItsExchange() throws IOException {
        HttpConnection connection = connect(30_000_000_000L);
        RecordingExchange exchange = new RecordingExchange("/object");
        exchange.share = 2;
        try (Socket ignored = answer(connection, exchange, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n0\r\n\r\n")) {
            pollUntil(reactor, () -> exchange.ended);
        }
        assertThat(text(exchange)).isEqualTo("abcdef");
        connection.close();
    }

    @Test
    void shouldCloseAConnectionThatHeldABodyForTheWholeTimeout() throws IOException {
        HttpConnection connection = connect(200_000_000L);
        RecordingExchange first = new RecordingExchange("/object");
        first.share = 3;
        try (Socket socket = answer(connection, first, "HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n\r\n0123456789")) {
            pollUntil(reactor, () -> first.ended);
            assertThat(connection.isHeld()).isTrue();

            pollUntil(reactor, connection::isClosed);

            assertThat(first.failure).as("the exchange had ended").isNull();
            assertThat(socket.getInputStream().read()).as("the server sees the end").isEqualTo(-1);
        }
    }

    @Test
    void shouldRefuseToContinueAConnectionThatHoldsNoBody() {
        HttpConnection connection = connect(30_000_000_000L);
        assertThatThrownBy(() -> connection.continueWith(new RecordingExchange("/x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not holding a body");
        connection.close();
    }
}
