package io.ferry.remote.http;

import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One request/response on a connection. The connection calls these methods on its network loop's
 * thread, in order: {@link #request()} once, then {@link #onResponse}, body bytes (through
 * {@link #onContent} or {@link #onDirectContent}) and {@link #onEnd}, or {@link #onFailure} at any
 * point instead. An exchange that continues a held body ({@link HttpConnection#continueWith}) sends
 * no request and sees no head: its first call is {@link #bodyShare}.
 */
public interface Exchange {
    /** The request head. Its Content-Length must match {@link #body()}. */
    RequestHead request();

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
    void onResponse(ResponseHead response);

    /** A piece of the response body: the bytes from {@code content}'s position to its limit, valid only during the call. */
    void onContent(ByteBuffer content);

    /**
     * Memory of exactly {@code length} bytes for the rest of a body of known length, which the
     * connection then fills straight from the socket (plain http and native memory: no copy),
     * calling {@link #onDirectContent} instead of {@link #onContent}; null to take the bytes
     * through {@link #onContent}.
     */
    default MemorySegment directBody(long length) {
        return null;
    }

    /**
     * How many bytes of a body of {@code length} bytes (framed by a length) this exchange takes,
     * asked once its head arrived. A share smaller than the body ends the exchange after it
     * ({@link #onEnd}) and holds the rest on the connection, unread, for
     * {@link HttpConnection#continueWith}; its server waits meanwhile, as TCP's window fills. A body
     * framed otherwise goes whole to the exchange.
     */
    default long bodyShare(long length) {
        return length;
    }

    /** {@code count} more body bytes landed, in order, in the memory of {@link #directBody}. */
    default void onDirectContent(long count) {
    }

    /** The response, or this exchange's share of its body, is complete; the connection may be reused or continued. */
    void onEnd();

    /**
     * The exchange failed: connection refused, reset or closed early, a timeout, malformed input,
     * or an exception thrown by a callback. The connection is closed.
     */
    void onFailure(FerryException cause);
}
