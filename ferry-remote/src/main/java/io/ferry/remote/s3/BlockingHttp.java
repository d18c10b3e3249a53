package io.ferry.remote.s3;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange with a credential service (STS, the SSO portal, the container and
 * instance metadata endpoints) on the calling thread, over a connection of its own that ends
 * with the exchange ({@code Connection: close}). It starts no thread: the JDK's
 * {@code HttpURLConnection} starts a keep-alive timer thread for any connection the server
 * would keep, and {@code java.net.http.HttpClient} a selector thread. No proxy is used.
 */
final class BlockingHttp {
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 1 << 20;

    private BlockingHttp() {
    }

    /** A response: status, headers (looked up case-insensitively) and body. */
    record Reply(int status, String reason, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends a request and reads its response, waiting at most {@code timeout} to connect and
     * for each read.
     *
     * @param uri     an {@code http} or {@code https} URI with its path and query already encoded
     * @param headers headers besides {@code Host}, {@code Connection} and {@code Content-Length}
     * @param body    the request body, or null for none
     * @throws IOException when the server cannot be reached, the connection fails or times out,
     *                     or the response is not HTTP/1.x or larger than 1 MiB
     */
    static Reply exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        int timeoutMs = (int) Math.max(1, timeout.toMillis());
        Socket socket = new Socket();
        try (socket) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            Socket channel = tls ? secure(socket, host, port) : socket;
            writeRequest(channel.getOutputStream(), method, uri, headers, body);
            return readReply(new BufferedInputStream(channel.getInputStream()), method);
        }
    }

    private static Socket secure(Socket socket, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static void writeRequest(OutputStream out, String method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(SigV4Signer.hostHeader(uri)).append("\r\nConnection: close\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private static Reply readReply(InputStream in, String method) throws IOException {
        String statusLine;
        do {
            statusLine = readLine(in); // skips interim 1xx answers
        } while (statusLine.matches("HTTP/1\\.[01] 1\\d\\d.*") && skipHeaders(in));
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].matches("HTTP/1\\.[01]") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip(), line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
        int status = Integer.parseInt(parts[1]);
        byte[] body = method.equals("HEAD") || status == 204 || status == 304 ? new byte[0] : readBody(in, headers);
        return new Reply(status, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private static boolean skipHeaders(InputStream in) throws IOException {
        while (!readLine(in).isEmpty()) {
            // an interim answer's headers mean nothing here
        }
        return true;
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String encoding = headers.get("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return readChunked(in);
        }
        String length = headers.get("Content-Length");
        if (length == null) {
            return limited(in.readNBytes(MAX_BODY_BYTES + 1));
        }
        long expected;
        try {
            expected = Long.parseLong(length);
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + length);
        }
        if (expected < 0 || expected > MAX_BODY_BYTES) {
            throw new IOException("response body of " + length + " bytes, more than " + MAX_BODY_BYTES);
        }
        byte[] body = in.readNBytes((int) expected);
        if (body.length < expected) {
            throw new IOException("connection closed after " + body.length + " of " + expected + " body bytes");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int extension = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                skipHeaders(in); // trailer fields
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size || !readLine(in).isEmpty()) {
                throw new IOException("chunked body cut short");
            }
            body.writeBytes(chunk);
        }
    }

    private static byte[] limited(byte[] body) throws IOException {
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed before the response ended");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("response line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
