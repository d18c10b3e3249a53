package io.ferry.nvmf.internal.tcp;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.Connection;
import io.ferry.net.ConnectionHandler;
import io.ferry.nvmf.internal.pdu.PduHandler;
import io.ferry.nvmf.internal.pdu.PduTransport;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A ferry-net {@link Connection} as the {@link PduTransport} of a {@link PduHandler}, and the
 * connection's handler in turn. Both contracts already match (whole units from a buffer, reads
 * into memory, gathering sends reported by token, one close); what this adds:
 *
 * <ul>
 *   <li>Tokens: the protocol side uses -1 and -2 for PDUs of the connection itself (ICReq/ICResp,
 *   TermReq), while ferry-net reports only tokens of 0 and more; tokens are shifted by
 *   {@link #TOKEN_BIAS} on the way down and back.</li>
 *   <li>Buffers become address ranges at {@link #send} time, so a buffer's position and limit may
 *   change right after the call (the bytes must not until {@code onSent}, as the contract says).
 *   Protocol handlers send the same few buffers again and again (per-slot headers, data views), so
 *   the segment over each buffer is made once and kept, by identity, in a small bounded cache:
 *   the steady state allocates nothing.</li>
 * </ul>
 *
 * <p>Owned by the thread of the connection's loop, like the connection.
 */
public final class ConnectionTransport implements PduTransport, ConnectionHandler {
    /** Protocol tokens are at least {@code -TOKEN_BIAS}. */
    public static final long TOKEN_BIAS = 16;

    /** Buffers whose segments are kept; beyond this the cache starts over (a handler that sends fresh buffers). */
    private static final int MAX_CACHED_SEGMENTS = 4096;

    private final Map<ByteBuffer, MemorySegment> segments = new IdentityHashMap<>();
    private PduHandler handler;
    private Runnable connected;
    private Connection connection;
    private long intoOffset;
    private long intoLength;

    /**
     * The protocol side, which is made with this transport (so it comes second).
     *
     * @param connected runs once the connection is open (a host sends its ICReq then)
     */
    public void attach(PduHandler handler, Runnable connected) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.connected = Objects.requireNonNull(connected, "connected");
    }

    /** The connection this transport drives; set right after the loop made it, before any callback. */
    public void bind(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
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
        while (last > 0 && !buffers[last].hasRemaining()) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            ByteBuffer buffer = buffers[i];
            connection.send(segment(buffer), buffer.position(), buffer.remaining(), i == last ? token + TOKEN_BIAS : -1);
        }
    }

    /** The segment over all of {@code buffer}'s capacity, made on first use. */
    private MemorySegment segment(ByteBuffer buffer) {
        MemorySegment segment = segments.get(buffer);
        if (segment == null) {
            if (segments.size() >= MAX_CACHED_SEGMENTS) {
                segments.clear();
            }
            segment = MemorySegment.ofBuffer(buffer.duplicate().clear());
            segments.put(buffer, segment);
        }
        return segment;
    }

    @Override
    public void close(Throwable cause) {
        if (connection != null) {
            connection.close(cause == null || cause instanceof FerryException ? (FerryException) cause
                    : new FerryException(ErrorCode.IO_ERROR, cause.getMessage(), cause));
        }
    }

    @Override
    public void onConnected(Connection connection) {
        connected.run();
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
        handler.onSent(token - TOKEN_BIAS);
    }

    @Override
    public void onClosed(Connection connection, FerryException cause) {
        handler.onClosed(cause);
    }
}
