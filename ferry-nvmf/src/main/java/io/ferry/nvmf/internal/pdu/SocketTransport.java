package io.ferry.nvmf.internal.pdu;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.Connection;
import io.ferry.net.ConnectionHandler;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;

/**
 * A ferry-net {@link Connection} as a {@link PduTransport}: the one place where the protocol meets
 * a socket, for the target's queue pairs and the host's queues alike. Made before the connection
 * (it is the connection's handler), then given the connection with {@link #bind}, and the protocol
 * handler with {@link #attach}; the loop calls back only from its next poll, so both are in place.
 *
 * <p>The two promises of {@link PduTransport} hold because of how ferry-net writes: a send only
 * queues its pieces (the loop writes them when its cycle ends, or when the socket has room again),
 * so {@code onSent} never runs inside {@code send}; and a piece is reported in the same call that
 * wrote its last byte to the socket, on the loop's thread, before that thread reads again, so no
 * byte the peer sent in answer can be shown first.
 *
 * <p>Each buffer goes out as a range of a segment over the whole of its memory, made the first
 * time the buffer is sent and kept: the protocol reuses a bounded set of buffers per connection,
 * so the steady state makes no segment per PDU. Only the last piece of a send carries its token;
 * pieces leave in order, so its report means the whole send was written.
 */
public final class SocketTransport implements PduTransport, ConnectionHandler {
    /** Tokens ferry-net reports are not negative; ours may be (down to -2^62), so the sign moves to bit 62. */
    private static final long SIGN_MOVED = 1L << 62;

    private final IdentityHashMap<ByteBuffer, MemorySegment> segments = new IdentityHashMap<>();
    private Connection connection;
    private PduHandler handler;
    private Runnable connected;
    private long intoOffset;
    private long intoLength;

    /** The connection this transport writes to; once, before the loop's next poll. */
    public void bind(Connection connection) {
        this.connection = connection;
    }

    /** The protocol side that hears what the connection reports; once, before the loop's next poll. */
    public void attach(PduHandler handler) {
        attach(handler, () -> { });
    }

    /** As {@link #attach(PduHandler)}, with {@code connected} run once an outgoing connection is established (the host's). */
    public void attach(PduHandler handler, Runnable connected) {
        this.handler = handler;
        this.connected = connected;
    }

    @Override
    public void onConnected(Connection connection) {
        connected.run();
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void receiveInto(MemorySegment memory, long offset, long length) {
        intoOffset = offset;
        intoLength = length;
        connection.receiveInto(memory, offset, length);
    }

    @Override
    public void send(long token, ByteBuffer... buffers) {
        int last = buffers.length - 1;
        while (last >= 0 && !buffers[last].hasRemaining()) {
            last--;
        }
        if (last < 0) {
            throw new IllegalArgumentException("a send of nothing cannot be reported");
        }
        for (int i = 0; i <= last; i++) {
            ByteBuffer buffer = buffers[i];
            if (buffer.hasRemaining()) {
                connection.send(whole(buffer), buffer.position(), buffer.remaining(), i == last ? encode(token) : -1);
            }
        }
    }

    @Override
    public void close(Throwable cause) {
        if (connection != null) {
            connection.close(asFerry(cause));
        }
    }

    @Override
    public void shutdown(Throwable cause) {
        if (connection != null) {
            connection.shutdown(asFerry(cause));
        }
    }

    private static FerryException asFerry(Throwable cause) {
        return cause == null || cause instanceof FerryException f ? (FerryException) cause
                : new FerryException(ErrorCode.IO_ERROR, String.valueOf(cause), cause);
    }

    @Override
    public void onReceive(Connection connection, ByteBuffer received) {
        handler.onReceive(received);
    }

    @Override
    public void onReceivedInto(Connection connection, MemorySegment target) {
        handler.onReceivedInto(target, intoOffset, intoLength);
    }

    @Override
    public void onSent(Connection connection, long token) {
        handler.onSent(decode(token));
    }

    @Override
    public void onClosed(Connection connection, FerryException cause) {
        segments.clear();
        if (handler != null) {
            handler.onClosed(cause);
        }
    }

    /** A segment over all of {@code buffer}'s memory (index 0 to capacity), made once per buffer. */
    private MemorySegment whole(ByteBuffer buffer) {
        MemorySegment segment = segments.get(buffer);
        if (segment == null) {
            segment = MemorySegment.ofBuffer(buffer.duplicate().clear());
            segments.put(buffer, segment);
        }
        return segment;
    }

    static long encode(long token) {
        if (token < -SIGN_MOVED || token >= SIGN_MOVED) {
            throw new IllegalArgumentException("token out of range: " + token);
        }
        return token & Long.MAX_VALUE;
    }

    static long decode(long token) {
        return token >= SIGN_MOVED ? token | Long.MIN_VALUE : token;
    }
}
