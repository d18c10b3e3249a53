package io.ferry.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A reverse proxy on 127.0.0.1 that records every request and forwards it, unchanged, to the
 * server a route function picks from the request (by its {@code Authorization} header, say):
 * requests signed with different keys can then reach servers that each accept one key. Every
 * response is passed back with {@code Connection: close}, so each request comes on a connection
 * of its own.
 *
 * <pre>{@code
 * try (RecordingProxy proxy = RecordingProxy.start(request -> request.header("Authorization").contains("KEY1/")
 *         ? first.endpoint() : second.endpoint())) {
 *     // the client talks to proxy.endpoint()
 *     assertThat(proxy.requests()).extracting(r -> r.header("Authorization")) ...
 * }
 * }</pre>
 */
public final class RecordingProxy implements AutoCloseable {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Function<RecordedRequest, URI> route;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final LoopbackListener listener;

    private RecordingProxy(Function<RecordedRequest, URI> route) {
        this.route = route;
        this.listener = LoopbackListener.start("recording-proxy", this::forward);
    }

    /** Starts the proxy; {@code route} gives each request the origin ({@code http://host:port}) to forward it to. */
    public static RecordingProxy start(Function<RecordedRequest, URI> route) {
        return new RecordingProxy(route);
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    public URI endpoint() {
        return listener.origin();
    }

    /** Every request received, in order; each is recorded before it is forwarded. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Stops accepting, closes every connection and waits for their threads. Idempotent. */
    @Override
    public void close() {
        listener.close();
    }

    /** Forwards the connection's first request and its response, then closes both connections. */
    private void forward(Socket client, int connection) throws IOException {
        HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(client.getInputStream()));
        HttpRequestHead head = reader.readHead();
        if (head == null) {
            return;
        }
        if (head.expectsContinue()) {
            client.getOutputStream().write(CONTINUE);
        }
        byte[] body = reader.readBody(head);
        RecordedRequest request = head.record(connection, body.length);
        synchronized (requests) {
            requests.add(request);
        }
        URI upstream = route.apply(request);
        Socket server = new Socket();
        listener.track(server);
        try (server) {
            server.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()));
            OutputStream toServer = server.getOutputStream();
            toServer.write(requestHead(head, body.length));
            toServer.write(body);
            toServer.flush();
            InputStream fromServer = new BufferedInputStream(server.getInputStream());
            OutputStream toClient = client.getOutputStream();
            toClient.write(responseHead(fromServer));
            fromServer.transferTo(toClient);
            toClient.flush();
        } finally {
            listener.untrack(server);
        }
    }

    private static byte[] requestHead(HttpRequestHead head, int bodyLength) {
        StringBuilder out = new StringBuilder(512).append(head.method()).append(' ').append(head.target()).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> header : head.headers().entrySet()) {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Expect") && !name.equalsIgnoreCase("Transfer-Encoding")
                    && !name.equalsIgnoreCase("Content-Length")) {
                out.append(name).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        if (bodyLength > 0 || head.header("Content-Length") != null || head.header("Transfer-Encoding") != null) {
            out.append("Content-Length: ").append(bodyLength).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The upstream response head, its {@code Connection} header replaced by {@code close}. */
    private static byte[] responseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        String line;
        do {
            line = readLine(in);
            if (!line.isEmpty() && !line.regionMatches(true, 0, "Connection:", 0, 11)) {
                head.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        } while (!line.isEmpty());
        head.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return head.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed before its response head ended");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
