package io.ferry.remote.http;

/**
 * The head of an HTTP/1.x response: status, reason phrase and headers.
 *
 * @param keepAlive whether the server keeps the connection open after this response (HTTP/1.1
 *                  unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 */
public record ResponseHead(int status, String reason, Headers headers, boolean keepAlive) {
    /** A head made by hand, for tests and for statuses a caller states: HTTP/1.1, kept alive. */
    public static ResponseHead of(int status, String reason) {
        return new ResponseHead(status, reason, new Headers(), true);
    }
}
