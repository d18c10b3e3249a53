package io.ferry.remote.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The head of an HTTP/1.1 request: method, target (path and query, already encoded) and headers.
 * A body's {@code Content-Length} is one of the headers.
 */
public final class RequestHead {
    private final HttpMethod method;
    private final String target;
    private final Headers headers = new Headers();

    public RequestHead(HttpMethod method, String target) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
    }

    public HttpMethod method() {
        return method;
    }

    /** The request target: path and query as sent. */
    public String target() {
        return target;
    }

    public Headers headers() {
        return headers;
    }

    /** The head as sent on the wire (RFC 9112, section 3): request line, fields, empty line. */
    byte[] encode() {
        return encode(target, null);
    }

    /**
     * The head as sent to an HTTP proxy that forwards it to {@code origin}: the target in absolute
     * form (RFC 9112, section 3.2.2), the same Host, and {@code Proxy-Authorization} when not null.
     */
    byte[] encodeForProxy(Origin origin, String proxyAuthorization) {
        return encode(origin + target, proxyAuthorization);
    }

    private byte[] encode(String requestTarget, String proxyAuthorization) {
        StringBuilder text = new StringBuilder(256);
        text.append(method.name()).append(' ').append(requestTarget).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        if (proxyAuthorization != null) {
            text.append(HeaderNames.PROXY_AUTHORIZATION).append(": ").append(proxyAuthorization).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
