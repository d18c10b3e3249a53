package io.ferry.stream.net;

import io.ferry.FerryException;
import io.ferry.net.ConnectionState;
import io.ferry.stream.link.Connection;
import io.ferry.stream.link.ConnectionHandler;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The stream's {@link Connection} on a ferry-net connection: the one adapter between the two. A
 * buffer sent goes to the socket as it is (its native memory, no copy) and is reported back, in order,
 * when ferry-net has written it. Each buffer's memory view is made once and kept: a channel cycles
 * through a fixed set of buffers, so nothing is allocated per packet.
 *
 * <p>Threads: the ferry-net loop's thread, like the connection.
 */
public final class NetLink implements Connection, io.ferry.net.ConnectionHandler {
    private final ArrayDeque<ByteBuffer> inFlight = new ArrayDeque<>();
    private ByteBuffer[] viewed = new ByteBuffer[4];
    private MemorySegment[] views = new MemorySegment[4];
    private int viewCount;
    private io.ferry.net.Connection connection;
    private ConnectionHandler handler;
    private boolean closedEarly;
    private FerryException earlyCause;

    /**
     * A link bound to nothing yet: give it as the handler of a new ferry-net connection, then
     * {@link #bind} that connection and {@link #serve} the stream's handler.
     */
    public NetLink() {
    }

    /**
     * Binds the ferry-net connection made with this link as its handler. Its first callback comes from
     * a later loop cycle, so {@link #serve} may follow.
     */
    public NetLink bind(io.ferry.net.Connection connection) {
        this.connection = connection;
        return this;
    }

    /**
     * Gives the stream's handler, which hears everything from now on; a close that happened before
     * (the handler's maker closed the link at once) is passed on now.
     */
    public void serve(ConnectionHandler handler) {
        this.handler = handler;
        if (closedEarly) {
            closedEarly = false;
            handler.onClosed(earlyCause);
            earlyCause = null;
        }
    }

    /** The ferry-net connection underneath. */
    public io.ferry.net.Connection connection() {
        return connection;
    }

    @Override
    public void send(ByteBuffer... buffers) {
        if (!isOpen()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            connection.send(view(buffer), buffer.position(), buffer.remaining(), 0);
            inFlight.add(buffer);
        }
    }

    /** The whole memory of {@code buffer}, made the first time it is sent. */
    private MemorySegment view(ByteBuffer buffer) {
        for (int i = 0; i < viewCount; i++) {
            if (viewed[i] == buffer) {
                return views[i];
            }
        }
        if (viewCount == viewed.length) {
            viewed = Arrays.copyOf(viewed, viewCount * 2);
            views = Arrays.copyOf(views, viewCount * 2);
        }
        viewed[viewCount] = buffer;
        views[viewCount] = MemorySegment.ofBuffer(buffer.duplicate().clear());
        return views[viewCount++];
    }

    @Override
    public void receiveInto(MemorySegment target, long offset, long length) {
        if (connection.isReceivingPaused()) {
            connection.resumeReceiving();
        }
        connection.receiveInto(target, offset, length);
    }

    @Override
    public void pauseReceiving() {
        connection.pauseReceiving();
    }

    @Override
    public void close(FerryException cause) {
        connection.close(cause);
    }

    @Override
    public void shutdown(FerryException cause) {
        connection.shutdown(cause);
    }

    @Override
    public boolean isOpen() {
        ConnectionState state = connection.state();
        return state != ConnectionState.CLOSING && state != ConnectionState.CLOSED;
    }

    // ---- ferry-net's callbacks, passed on ----

    @Override
    public void onReceive(io.ferry.net.Connection from, ByteBuffer received) {
        handler.onReceive(received);
    }

    @Override
    public void onReceivedInto(io.ferry.net.Connection from, MemorySegment target) {
        handler.onReceivedInto(target);
    }

    @Override
    public void onSent(io.ferry.net.Connection from, long token) {
        handler.onSent(inFlight.poll());
    }

    @Override
    public void onClosed(io.ferry.net.Connection from, FerryException cause) {
        inFlight.clear();
        if (handler == null) {
            closedEarly = true;
            earlyCause = cause;
        } else {
            handler.onClosed(cause);
        }
    }
}
