package io.ferry.remote.http;

import io.ferry.FerryException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

import java.nio.ByteBuffer;

/**
 * One request/response on a connection. The connection calls these methods on the thread that
 * polls it, in order: {@link #request()} once, then {@link #onResponse}, {@link #onContent} any
 * number of times and {@link #onEnd}, or {@link #onFailure} at any point instead.
 */
public interface Exchange {
    /** The request head. Its Content-Length must match {@link #body()}. */
    HttpRequest request();

    /** The request body sent after the head, or null when there is none. */
    BodySource body();

    /**
     * Whether this exchange may share a connection with another one through HTTP/1.1 pipelining:
     * a request without a body whose response can follow another's (a ranged GET).
     */
    default boolean pipelinable() {
        return false;
    }

    /** The response head arrived. A thrown {@link FerryException} fails the exchange and closes the connection. */
    void onResponse(HttpResponse response);

    /** A piece of the response body; {@code content} is only valid during the call. */
    void onContent(ByteBuf content);

    /**
     * Memory for the remaining {@code length} bytes of the body, which the connection may then
     * read from the socket straight into it (calling {@link #onDirectContent} instead of
     * {@link #onContent}); null to take them through {@link #onContent}.
     */
    default ByteBuffer directBody(long length) {
        return null;
    }

    /** {@code count} more body bytes landed in the memory of {@link #directBody}. */
    default void onDirectContent(int count) {
    }

    /** The response is complete; the connection may be reused. */
    void onEnd();

    /**
     * The exchange failed: connection refused, reset or closed early, a timeout, malformed input,
     * or an exception thrown by a callback. The connection is closed.
     */
    void onFailure(FerryException cause);
}
