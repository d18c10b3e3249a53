package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Sockets;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The receiving half of a {@link Connection}: reads the socket into the connection's buffer, or
 * straight into the range a handler asked for with {@link Connection#receiveInto}, hands what arrived
 * to the handler, and holds the flow-control pause. Owned by its connection, on the loop's thread.
 */
final class ConnectionReceiver {
    private static final int MAX_READS_PER_READY = 16;

    private final Connection connection;
    private final NetLoop loop;
    private final int fd;
    private final ConnectionHandler handler;
    private final InboundBuffer inbound;
    private final int directReadMin;
    private MemorySegment direct;
    /** Where the range of {@link #direct} starts, where the next byte received into it goes, and where it ends. */
    private long directStart;
    private long directFilled;
    private long directEnd;
    /** True while {@link #deliver()} runs: a receive target set then is served by it. */
    private boolean delivering;
    /** Decrypted input waits beyond what one readiness event handled: read on at the end of the cycle. */
    private boolean readPending;
    /** Set by {@link #pause()}: the socket is not read until {@link #resume()}. */
    private boolean paused;
    /** Resumed with bytes buffered: they are handed over at the end of the cycle. */
    private boolean deliverPending;

    ConnectionReceiver(Connection connection, int fd, ConnectionHandler handler, InboundBuffer inbound, int directReadMin) {
        this.connection = connection;
        this.loop = connection.loop();
        this.fd = fd;
        this.handler = handler;
        this.inbound = inbound;
        this.directReadMin = directReadMin;
    }

    /** See {@link Connection#receiveInto(MemorySegment, long, long)}. */
    void receiveInto(MemorySegment target, long offset, long length) {
        Objects.requireNonNull(target, "target");
        if (direct != null) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, "a receive into memory is already under way");
        }
        Objects.checkFromIndexSize(offset, length, target.byteSize());
        if (length == 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "nothing to receive into: the range is empty");
        }
        direct = target;
        directStart = offset;
        directFilled = offset;
        directEnd = offset + length;
        if (!delivering && inbound.readable() > 0) {
            loop.markDirty(connection);
        }
    }

    long receivedIntoCount() {
        return directFilled - directStart;
    }

    /** The connection closed: the range is no longer the connection's to fill. */
    void dropTarget() {
        direct = null;
    }

    /** True while the handler is being handed bytes (a callback may flush, which must not read again). */
    boolean isDelivering() {
        return delivering;
    }

    boolean isPaused() {
        return paused;
    }

    /** See {@link Connection#pauseReceiving()}. */
    void pause() {
        if (!paused) {
            paused = true;
            if (connection.isOpen()) {
                connection.watchForQueue();
            }
        }
    }

    /** See {@link Connection#resumeReceiving()}. */
    void resume() {
        if (paused) {
            paused = false;
            if (connection.isOpen()) {
                connection.watchForQueue();
                deliverPending = true;
                // Decrypted records may wait in the session while the socket has nothing: epoll would not say.
                TlsSession tls = connection.tls();
                readPending = tls != null && tls.hasBufferedInput();
                loop.markDirty(connection);
            }
        }
    }

    /** The end of a loop cycle: serves a receive target set outside a callback or a resume, and reads on what TLS holds. */
    void cycleEnded() {
        if ((direct != null || deliverPending) && inbound.readable() > 0 && connection.isOpen()) {
            deliverPending = false;
            deliver();
        }
        if (readPending && connection.isOpen()) {
            readPending = false;
            readable();
        }
    }

    /** Reads what the socket has (a bounded number of times), handing it over as it comes. */
    void readable() {
        if (paused) {
            int error = Sockets.pendingError(loop.errno(), fd, loop.scratch());
            if (error != 0) {
                connection.close(connection.ioFailure("receiving from", error));
            }
            return;
        }
        for (int i = 0; i < MAX_READS_PER_READY && connection.isOpen() && !paused; i++) {
            TlsSession tls = connection.tls();
            if (i == MAX_READS_PER_READY - 1 && tls != null && tls.hasBufferedInput()) {
                // The socket may be drained while records wait in the session: epoll would not report it again.
                readPending = true;
                loop.markDirty(connection);
                return;
            }
            long asked;
            long result;
            if (tls == null && direct != null && inbound.readable() == 0 && direct.isNative()
                    && directEnd - directFilled >= directReadMin) {
                asked = directEnd - directFilled;
                result = Sockets.read(loop.errno(), fd, direct.address() + directFilled, asked);
                if (result > 0) {
                    directFilled += result;
                    deliver();
                }
            } else {
                int room = tls == null ? 1 : tls.plaintextRoom();
                inbound.compact(room);
                asked = inbound.writable();
                if (asked < room) {
                    connection.close(new FerryException(ErrorCode.IO_ERROR, "a message from " + connection.peer()
                            + " is larger than the " + inbound.capacity() + "-byte receive buffer"));
                    return;
                }
                if (tls == null) {
                    result = Sockets.read(loop.errno(), fd, inbound.writeAddress(), asked);
                    if (result > 0) {
                        inbound.written((int) result);
                    }
                } else {
                    result = tls.receive(loop, fd, inbound);
                }
                if (result > 0) {
                    deliver();
                }
            }
            if (result == 0) {
                connection.close(new FerryException(ErrorCode.CLOSED, "connection closed by " + connection.peer()));
                return;
            }
            if (result < 0) {
                if (result != -Errno.EAGAIN) {
                    connection.close(connection.ioFailure("receiving from", (int) -result));
                }
                return;
            }
            if (result < asked && tls == null) {
                return;
            }
        }
    }

    /**
     * For a closing connection: reads what the peer sent and drops it (a bounded number of times);
     * true once the peer ended its side or the socket failed, false while it may send more.
     */
    boolean dropReceived() {
        inbound.clear();
        for (int i = 0; i < MAX_READS_PER_READY; i++) {
            long result = Sockets.read(loop.errno(), fd, inbound.writeAddress(), inbound.writable());
            if (result <= 0) {
                return result != -Errno.EAGAIN;
            }
        }
        return false;
    }

    /** Hands buffered bytes to the handler, or to the receive target, until neither can take more. */
    void deliver() {
        delivering = true;
        try {
            deliverBuffered();
        } finally {
            delivering = false;
        }
    }

    private void deliverBuffered() {
        while (connection.isOpen()) {
            if (direct != null) {
                if (directFilled < directEnd && inbound.readable() > 0) {
                    directFilled += inbound.copyTo(direct, directFilled, directEnd - directFilled);
                }
                if (directFilled < directEnd) {
                    return;
                }
                MemorySegment filled = direct;
                direct = null;
                handler.onReceivedInto(connection, filled);
                continue;
            }
            if (inbound.readable() == 0) {
                return;
            }
            ByteBuffer shown = inbound.unread();
            handler.onReceive(connection, shown);
            if (connection.state() == ConnectionState.CLOSED) {
                return;
            }
            int consumed = inbound.consumedTo(shown);
            if (consumed == 0 && direct == null) {
                return;
            }
        }
    }
}
