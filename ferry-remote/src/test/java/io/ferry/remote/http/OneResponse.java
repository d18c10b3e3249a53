package io.ferry.remote.http;

import io.ferry.net.NetLoop;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One GET on a new connection, answered by the test with the bytes it gives (then, if asked, the end
 * of the connection), polled until the exchange ended or failed (at most 30 s).
 *
 * @param outcome what the exchange heard
 * @param idle    whether the connection could take another exchange afterwards
 * @param closed  whether the connection was closed
 */
record OneResponse(RecordingExchange outcome, boolean idle, boolean closed) {
    static OneResponse of(String response, boolean endConnection) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             NetLoop loop = NetLoop.open("one-response")) {
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
            HttpConnection connection = HttpConnection.open(Endpoint.resolve(uri, ProxyRules.NONE), null, loop, 30_000_000_000L);
            RecordingExchange outcome = new RecordingExchange("/x");
            connection.send(outcome);
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                HttpConnectionPipeliningTest.pollUntil(loop, () -> HttpConnectionPipeliningTest.available(in) > 0);
                in.readNBytes(in.available());
                socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (endConnection) {
                    socket.shutdownOutput();
                }
                HttpConnectionPipeliningTest.pollUntil(loop, () -> outcome.ended || outcome.failure != null);
            }
            return new OneResponse(outcome, connection.isIdle(), connection.isClosed());
        }
    }
}
