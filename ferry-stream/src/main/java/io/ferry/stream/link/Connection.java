package io.ferry.stream.link;

import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One byte stream to a peer, as ferry-net offers it. Calls are made on the thread that owns the
 * connection; their effects are reported later to the {@link ConnectionHandler}, never from inside the call.
 */
public interface Connection {
    /**
     * Queues {@code buffers} (position to limit) for one gathering write. Each buffer belongs to the
     * connection until {@link ConnectionHandler#onSent} reports it, so the caller keeps and reuses its
     * buffers instead of allocating. Ignored once the connection is closed.
     */
    void send(ByteBuffer... buffers);

    /**
     * Places the next {@code length} received bytes straight into {@code target} from {@code offset}
     * (a payload lands in its place of a pool: no slice per packet): bytes already buffered are copied
     * first, the rest read directly. {@link ConnectionHandler#onReceivedInto} reports it full; until then
     * {@link ConnectionHandler#onReceive} is not called.
     */
    void receiveInto(MemorySegment target, long offset, long length);

    /** {@link #receiveInto(MemorySegment, long, long)} of all of {@code target}. */
    default void receiveInto(MemorySegment target) {
        receiveInto(target, 0, target.byteSize());
    }

    /**
     * Stops reading from the peer until the next {@link #receiveInto}: the handler waits (for memory,
     * for other channels) and leaves what arrived unconsumed. Bytes buffered stay; the transport
     * pushes back on the peer instead of treating a full buffer as an error.
     */
    void pauseReceiving();

    /**
     * Closes the connection: queued bytes are dropped and the handler hears {@link ConnectionHandler#onClosed}
     * with {@code cause} (null for a clean close). Idempotent.
     */
    void close(FerryException cause);

    /**
     * Sends what is queued, then ends the connection; what the peer sends meanwhile is dropped, and
     * the handler hears {@link ConnectionHandler#onClosed} with {@code cause} once it ended. For a last
     * message (an error report): {@link #close} drops it, and a close over unread bytes resets the
     * connection, which loses it on the way too. Idempotent; sends after it are ignored.
     */
    void shutdown(FerryException cause);

    /** Whether bytes may still be sent: the connection is neither closing nor closed, by either end. */
    boolean isOpen();
}
