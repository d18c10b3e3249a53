package io.ferry.remote.http;

import io.ferry.net.NetLoop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every framing of a response body ends the exchange with exactly the body's bytes, on a real socket. */
class ResponseBodiesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello|hello|true",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nhel\\r\\n2\\r\\nlo\\r\\n0\\r\\n\\r\\n|hello|true",
            "HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello|hello|true",
            "HTTP/1.0 200 OK\\r\\n\\r\\nhello until the end|hello until the end|false"})
    void shouldEndTheExchangeWithTheWholeBody(String response, String body, boolean keptAlive) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             NetLoop loop = NetLoop.open("bodies-test")) {
            HttpConnection connection = HttpConnection.open(
                    Endpoint.resolve(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/")), null, loop, 30_000_000_000L);
            RecordingExchange outcome = new RecordingExchange("/x");
            connection.send(outcome);
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                HttpConnectionPipeliningTest.pollUntil(loop, () -> HttpConnectionPipeliningTest.available(in) > 0);
                in.readNBytes(in.available());
                socket.getOutputStream().write(response.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (!keptAlive) {
                    socket.shutdownOutput();
                }
                HttpConnectionPipeliningTest.pollUntil(loop, () -> outcome.ended || outcome.failure != null);
            }
            assertThat(outcome.failure).isNull();
            assertThat(outcome.body.toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
            assertThat(connection.isIdle()).isEqualTo(keptAlive);
        }
    }
}
