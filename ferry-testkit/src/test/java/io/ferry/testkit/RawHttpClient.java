package io.ferry.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client that writes requests byte for byte and reads what comes back however the connection
 * ends, so tests can tell a reset from a clean close or a stall.
 */
final class RawHttpClient implements AutoCloseable {
    /** How reading a response ended. */
    enum Ending { COMPLETE, CLOSED, RESET, TIMED_OUT }

    record RawResponse(int status, Map<String, String> headers, byte[] body, Ending ending) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttpClient(int port, int readTimeoutMs) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 1_000);
            socket.setSoTimeout(readTimeoutMs);
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawHttpClient(int port) {
        this(port, 2_000);
    }

    /** Sends {@code method target HTTP/1.1} with these header lines (Host is added) and an optional body. */
    RawHttpClient send(String method, String target, String... headerLines) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(Loopback.HOST).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return sendRaw(request.append("\r\n").toString());
    }

    RawHttpClient sendRaw(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response; the body by its Content-Length or chunked transfer coding, none for HEAD. */
    RawResponse read(boolean headRequest) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 0;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            String statusLine = readLine();
            if (statusLine == null) {
                return new RawResponse(0, headers, body.toByteArray(), Ending.CLOSED);
            }
            status = Integer.parseInt(statusLine.split(" ")[1]);
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
            boolean complete = headRequest
                    || ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding")) ? readChunks(body)
                    : readBytes(Long.parseLong(headers.getOrDefault("Content-Length", "0")), body));
            return new RawResponse(status, headers, body.toByteArray(), complete ? Ending.COMPLETE : Ending.CLOSED);
        } catch (SocketTimeoutException e) {
            return new RawResponse(status, headers, body.toByteArray(), Ending.TIMED_OUT);
        } catch (SocketException e) {
            return new RawResponse(status, headers, body.toByteArray(), Ending.RESET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawResponse read() {
        return read(false);
    }

    /** Whether the server closed the connection (end of stream) rather than keeping it open. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }

    /** Reads {@code length} bytes into {@code body}; false when the connection ended first. */
    private boolean readBytes(long length, ByteArrayOutputStream body) throws IOException {
        for (long i = 0; i < length; i++) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            body.write(b);
        }
        return true;
    }

    /** Reads a chunked body (without trailer fields) into {@code body}; false when the connection ended first. */
    private boolean readChunks(ByteArrayOutputStream body) throws IOException {
        for (String sizeLine = readLine(); sizeLine != null; sizeLine = readLine()) {
            long size = Long.parseLong(sizeLine.strip(), 16);
            if (!readBytes(size, body) || readLine() == null) {
                return false;
            }
            if (size == 0) {
                return true;
            }
        }
        return false;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
