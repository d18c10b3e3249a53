package io.ferry.nvmf.internal.pdu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One connection as a protocol handler ({@link PduHandler}) sees it: the few calls ferry-net's
 * connections offer, so that a queue pair can be driven by a socket (phase 2 adapts this interface
 * in one place) or by an in-memory pair in tests. Every call is made on the thread that owns the
 * connection, and none of them blocks.
 *
 * <p>Inbound: the connection reads into its own buffer and calls {@link PduHandler#onReceive}; the
 * handler consumes the whole units it can parse and leaves a partial unit in place. A handler that
 * wants the next bytes in its own memory calls {@link #receiveInto} and returns from
 * {@code onReceive} without consuming more; the connection fills that memory from the bytes it has
 * buffered, then straight from the socket, calls {@link PduHandler#onReceivedInto}, and goes on
 * with {@code onReceive} for what remains.
 *
 * <p>Outbound: {@link #send} queues buffers for a gathering write, in order. The array and the
 * buffers (their contents, positions and limits) belong to the connection until
 * {@link PduHandler#onSent} names the send's token; headers and data are reused, not allocated per
 * PDU. {@code onSent} is never called from inside {@code send}, and it is called before the handler
 * is given any byte received after those buffers were written, so a peer cannot answer a PDU whose
 * buffers the handler still thinks are in use.
 */
public interface PduTransport {
    /**
     * Asks for the next {@code length} bytes of the stream to be placed in {@code memory} from
     * {@code offset}; {@link PduHandler#onReceivedInto} follows once all of them arrived.
     */
    void receiveInto(MemorySegment memory, long offset, long length);

    /** Queues {@code buffers}, each from its position to its limit, to be written after what was queued before. */
    void send(long token, ByteBuffer... buffers);

    /**
     * Closes the connection; queued sends not yet written are dropped, and memory given to a
     * pending {@link #receiveInto} is not written any more (its owner may free it). Idempotent.
     * {@link PduHandler#onClosed} follows, once.
     *
     * @param cause why, or null for an orderly close
     */
    void close(Throwable cause);

    /**
     * Ends the connection once what is queued was written: the write side closes, what the peer
     * still sends is dropped until it ends its side (for a bounded time), then
     * {@link PduHandler#onClosed} follows, once. Use it to end with last PDUs (answers, a termination
     * request), which {@link #close} can lose to the reset a close with unread bytes causes. This
     * default closes at once, as an in-memory link loses nothing.
     *
     * @param cause why, or null for an orderly end
     */
    default void shutdown(Throwable cause) {
        close(cause);
    }
}
