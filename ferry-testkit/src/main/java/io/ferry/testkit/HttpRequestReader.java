package io.ferry.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads HTTP/1.x requests (RFC 9112) from one connection: the head, then the body by
 * {@code Content-Length} or chunked transfer coding. Whatever does not parse is a
 * {@link MalformedRequestException}.
 */
final class HttpRequestReader {
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    /** The bodies are kept in byte arrays. */
    private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 16;

    private final InputStream in;

    HttpRequestReader(InputStream in) {
        this.in = in;
    }

    /** The next request's head, or null when the client closed the connection between requests. */
    HttpRequestHead readHead() throws IOException {
        String requestLine = readLine(true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].matches("HTTP/1\\.[01]")) {
            throw new MalformedRequestException("bad request line: " + requestLine);
        }
        SortedMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new MalformedRequestException("bad header line: " + line);
            }
            if (headers.size() == MAX_HEADERS) {
                throw new MalformedRequestException("more than " + MAX_HEADERS + " headers");
            }
            headers.merge(line.substring(0, colon), line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
        }
        return new HttpRequestHead(parts[0], parts[1], parts[2], Collections.unmodifiableSortedMap(headers));
    }

    /** The request's body, empty when it has none. */
    byte[] readBody(HttpRequestHead head) throws IOException {
        String transferEncoding = head.header("Transfer-Encoding");
        String contentLength = head.header("Content-Length");
        if (transferEncoding != null) {
            if (contentLength != null || !transferEncoding.equalsIgnoreCase("chunked")) {
                throw new MalformedRequestException("unsupported framing: Transfer-Encoding " + transferEncoding
                        + (contentLength != null ? " with Content-Length" : ""));
            }
            return readChunked();
        }
        if (contentLength == null) {
            return new byte[0];
        }
        return readExactly(parseLength(contentLength, 10, "Content-Length"));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int extension = sizeLine.indexOf(';');
            long size = parseLength((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16, "chunk size");
            if (size == 0) {
                break;
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new MalformedRequestException("chunked body larger than " + MAX_BODY_BYTES + " bytes");
            }
            body.write(readExactly(size));
            if (!readLine(false).isEmpty()) {
                throw new MalformedRequestException("chunk not followed by CRLF");
            }
        }
        String trailerField;
        do {
            trailerField = readLine(false); // ignored, up to the empty line
        } while (!trailerField.isEmpty());
        return body.toByteArray();
    }

    private byte[] readExactly(long length) throws IOException {
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new MalformedRequestException("body ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /**
     * One line without its CRLF (a bare LF is accepted too). Null at end of stream before any
     * byte, where {@code endAllowed}; otherwise end of stream is malformed.
     */
    private String readLine(boolean endAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (endAllowed && line.size() == 0) {
                    return null;
                }
                throw new MalformedRequestException("connection closed in the middle of a line");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new MalformedRequestException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static long parseLength(String text, int radix, String what) throws MalformedRequestException {
        try {
            long value = Long.parseLong(text, radix);
            if (value >= 0 && value <= MAX_BODY_BYTES && !text.startsWith("+")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the text.
        }
        throw new MalformedRequestException("bad " + what + ": " + text);
    }
}
