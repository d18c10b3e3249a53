package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The sending half of a {@link Connection}: checks and queues the pieces to send, and writes the
 * queue to the socket (through the TLS session once there is one), reporting each token written to
 * the handler. Owned by its connection, on the loop's thread.
 */
final class ConnectionSender {
    private final Connection connection;
    private final NetLoop loop;
    private final int fd;
    private final ConnectionHandler handler;
    private final OutboundQueue outbound = new OutboundQueue();
    private final OutboundQueue.Sent sentReporter = this::reportSent;

    ConnectionSender(Connection connection, int fd, ConnectionHandler handler) {
        this.connection = connection;
        this.loop = connection.loop();
        this.fd = fd;
        this.handler = handler;
    }

    /** See {@link Connection#send(MemorySegment, long, long, long)}. */
    void send(MemorySegment data, long offset, long length, long token) {
        checkSendable();
        if (!data.isNative()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "only native memory can be sent");
        }
        Objects.checkFromIndexSize(offset, length, data.byteSize());
        if (length == 0) {
            return;
        }
        outbound.addMemory(data, data.address() + offset, length, token);
        loop.markDirty(connection);
    }

    /** See {@link Connection#sendFile(int, long, long, long)}. */
    void sendFile(int fileFd, long offset, long length, long token) {
        checkSendable();
        if (fileFd < 0 || offset < 0 || length < 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "bad file range: fd " + fileFd + ", offset " + offset
                    + ", length " + length);
        }
        if (length == 0) {
            return;
        }
        outbound.addFile(fileFd, offset, length, token);
        loop.markDirty(connection);
    }

    private void checkSendable() {
        ConnectionState state = connection.state();
        if (state == ConnectionState.CLOSING || state == ConnectionState.CLOSED) {
            throw new FerryException(ErrorCode.CLOSED, "connection to " + connection.peer() + " is "
                    + state.name().toLowerCase());
        }
    }

    long queuedBytes() {
        return outbound.bytes();
    }

    /** Whether no piece is queued (TLS records may still wait in the session: see {@link #isDrained()}). */
    boolean isEmpty() {
        return outbound.isEmpty();
    }

    /** Whether everything queued, and every TLS record made of it, left for the socket. */
    boolean isDrained() {
        TlsSession tls = connection.tls();
        return outbound.isEmpty() && (tls == null || !tls.hasPendingOutput());
    }

    /**
     * Writes until the queue is empty or the socket is full: 0 (all written), -EAGAIN (the socket is
     * full) or another -errno.
     *
     * @throws FerryException when the TLS session fails, or a file ends before its range was sent
     */
    long write() {
        TlsSession tls = connection.tls();
        return tls == null ? SocketWrites.write(loop, fd, outbound, sentReporter) : tls.send(loop, fd, outbound, sentReporter);
    }

    /** Drops every queued piece, unreported: the connection closed. */
    void clear() {
        outbound.clear();
    }

    private void reportSent(long token) {
        handler.onSent(connection, token);
    }
}
