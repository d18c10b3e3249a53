package io.ferry.net;

import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * What a protocol does with a {@link Connection}: parses what arrives, is told what was sent and
 * when the connection ends. Every method runs on the thread of the connection's {@link NetLoop},
 * inside its poll; a method that throws closes the connection with that cause (it never unwinds the
 * loop). Handlers may call any method of the connection from these callbacks.
 */
public interface ConnectionHandler {
    /**
     * The connection is ready (connected, and the TLS handshake done): bytes can flow. Heard again
     * when a TLS handshake begun by {@link Connection#startTls} is done.
     */
    default void onConnected(Connection connection) {
    }

    /**
     * Bytes arrived. Consume whole units from {@code received} (advance its position; its limit is
     * the end of what arrived) and leave a partial unit in place: it is shown again, with more
     * bytes, on the next call. The buffer is the connection's and valid only during the call. To
     * have the next bytes placed in memory of your own instead (a payload), call
     * {@link Connection#receiveInto} from here.
     */
    void onReceive(Connection connection, ByteBuffer received);

    /** Every byte asked for by {@link Connection#receiveInto} is in {@code target}. */
    default void onReceivedInto(Connection connection, MemorySegment target) {
    }

    /** A piece queued with this {@code token} was written whole to the socket; its memory is free again. */
    default void onSent(Connection connection, long token) {
    }

    /**
     * The connection is closed, for good: called exactly once per connection. {@code cause} is null
     * when this side closed it without one; otherwise it says what happened (the peer closed it, a
     * reset, a TLS failure, a failed connect, a handler that threw). Queued pieces were dropped.
     */
    void onClosed(Connection connection, FerryException cause);
}
