package io.ferry.stream.link;

import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** What a connection tells its user. Called on the connection's thread; must not block. */
public interface ConnectionHandler {
    /**
     * Bytes arrived: {@code in} holds them from its position to its limit. The handler consumes whole
     * units by advancing the position and leaves a partial unit for the next call, which comes when
     * more bytes arrive.
     */
    void onReceive(ByteBuffer in);

    /** The memory given to {@link Connection#receiveInto} is full. */
    void onReceivedInto(MemorySegment target);

    /** A buffer given to {@link Connection#send} was written completely and is the caller's again. */
    void onSent(ByteBuffer buffer);

    /**
     * The connection closed: {@code cause} says why (the local close's cause, or a failure or the
     * peer's close reported by the transport); null after a clean local close.
     */
    void onClosed(FerryException cause);
}
