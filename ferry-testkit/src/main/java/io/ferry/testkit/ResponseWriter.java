package io.ferry.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes {@link Response}s on one connection, whole or with the body cut short. */
final class ResponseWriter {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    ResponseWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    /** The interim answer to {@code Expect: 100-continue}. */
    void writeContinue() throws IOException {
        out.write(CONTINUE);
        out.flush();
    }

    /**
     * Writes the head, with the response's {@code Content-Length} (or chunked transfer coding when
     * it has none), then at most {@code bodyLimit} bytes of the body (none for a HEAD request), and
     * flushes. A chunked body is one chunk; cut short, it ends inside that chunk.
     */
    void write(Response response, boolean headRequest, boolean keepAlive, long bodyLimit) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(response.status()).append(' ').append(response.reason()).append("\r\n");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (response.isChunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Content-Length: ").append(response.contentLength()).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headRequest) {
            writeBody(response, (int) Math.min(bodyLimit, response.length()));
        }
        out.flush();
    }

    private void writeBody(Response response, int count) throws IOException {
        if (!response.isChunked()) {
            out.write(response.body(), response.offset(), count);
            return;
        }
        if (response.length() > 0) {
            out.write((Integer.toHexString(response.length()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(response.body(), response.offset(), count);
            if (count < response.length()) {
                return;
            }
            out.write(CRLF);
        }
        out.write(LAST_CHUNK);
    }
}
