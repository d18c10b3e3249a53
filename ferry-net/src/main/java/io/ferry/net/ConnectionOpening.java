package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.linux.Sockets;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * The opening of a {@link Connection}: from connect or accept, through the TLS handshake (from the
 * start or from {@link Connection#startTls} on), to OPEN, where the handler hears
 * {@link ConnectionHandler#onConnected}; a shutdown asked for before then happens once it is. Owned by
 * its connection, on the loop's thread.
 */
final class ConnectionOpening {
    private static final int EINPROGRESS = 115;

    private final Connection connection;
    private final NetLoop loop;
    private final int fd;
    private final ConnectionHandler handler;
    private final InboundBuffer inbound;
    private final ConnectionReceiver receiver;
    private final ConnectionSender sender;
    private boolean startPending;
    private FerryException startFailure;
    /** Set by {@link #beginTlsLater}: the handshake begins when the loop cycle ends, after the plain bytes were consumed. */
    private boolean tlsStartPending;
    /** A shutdown asked for before the connection was open: it happens once it is. */
    private boolean shutdownRequested;

    ConnectionOpening(Connection connection, int fd, ConnectionHandler handler, InboundBuffer inbound,
                      ConnectionReceiver receiver, ConnectionSender sender) {
        this.connection = connection;
        this.loop = connection.loop();
        this.fd = fd;
        this.handler = handler;
        this.inbound = inbound;
        this.receiver = receiver;
        this.sender = sender;
    }

    /**
     * A connection of {@code loop} to {@code address} (resolved) whose connect has begun; a connect that
     * failed at once is reported when the cycle ends. See {@link NetLoop#connect}.
     *
     * @throws FerryException when the socket cannot be made
     */
    static Connection connect(NetLoop loop, InetSocketAddress address, ConnectionHandler handler, ConnectionOptions options) {
        MemorySegment errno = loop.errno();
        MemorySegment sockaddr = loop.sockaddr();
        int fd = Sockets.socket(errno, address.getAddress() instanceof java.net.Inet4Address ? Sockets.AF_INET : Sockets.AF_INET6);
        if (fd < 0) {
            throw Errno.failure("socket", "connecting to " + SocketAddresses.describe(address), -fd);
        }
        Connection connection;
        try {
            connection = new Connection(loop, fd, address, handler, options, true);
        } catch (RuntimeException e) {
            LibC.close(errno, fd);
            throw e;
        }
        Sockets.setNoDelay(errno, fd, loop.scratch());
        int length = Sockets.encode(address, sockaddr);
        int result = Sockets.connect(errno, fd, sockaddr.address(), length);
        if (result < 0 && result != -EINPROGRESS) {
            connection.opening().failLater(new FerryException(ErrorCode.IO_ERROR, "cannot connect to " + SocketAddresses.describe(address) + ": "
                    + Errno.name(-result), -result, null));
        }
        return connection;
    }

    /** Has the loop start the connection when the cycle ends, so no callback runs inside the call that made it. */
    void startLater() {
        startPending = true;
        loop.markDirty(connection);
    }

    /** A connect that failed at once is reported when the cycle ends, like one that fails later. */
    void failLater(FerryException cause) {
        startFailure = cause;
    }

    /** The connection moved to HANDSHAKING from OPEN: the handshake begins when the cycle ends. */
    void beginTlsLater() {
        tlsStartPending = true;
        loop.markDirty(connection);
    }

    /** Shuts the connection down once it is open. */
    void shutdownWhenOpen() {
        shutdownRequested = true;
    }

    /** Does what waited for the end of the cycle; true when there was such a step, and the cycle's other work waits. */
    boolean cycleEnded() {
        if (startPending) {
            start();
            return true;
        }
        if (tlsStartPending) {
            beginTls();
            return true;
        }
        return false;
    }

    /** The socket is ready while the connection is CONNECTING or HANDSHAKING. */
    void onReady() {
        if (connection.state() == ConnectionState.CONNECTING) {
            finishConnect();
        } else {
            handshake();
        }
    }

    /** Watches the socket: for the end of the connect, or for what arrives; an accepted one starts at once. */
    private void start() {
        startPending = false;
        if (startFailure != null) {
            connection.close(startFailure);
            return;
        }
        connection.watch(connection.state() == ConnectionState.CONNECTING ? Epoll.EPOLLOUT : connection.readInterest());
        if (connection.state() == ConnectionState.HANDSHAKING) {
            handshake();
        } else if (connection.state() == ConnectionState.OPEN) {
            connected();
        }
    }

    private void beginTls() {
        tlsStartPending = false;
        if (inbound.readable() > 0) {
            connection.close(new FerryException(ErrorCode.PROTOCOL_ERROR, connection.peer() + " sent "
                    + inbound.readable() + " plain bytes before the TLS handshake"));
            return;
        }
        handshake();
    }

    private void finishConnect() {
        int error = Sockets.pendingError(loop.errno(), fd, loop.scratch());
        if (error != 0) {
            connection.close(new FerryException(ErrorCode.IO_ERROR, "cannot connect to " + connection.peer()
                    + ": " + Errno.name(error), error, null));
            return;
        }
        if (connection.tls() != null) {
            connection.moveTo(ConnectionState.HANDSHAKING);
            connection.watch(connection.readInterest());
            handshake();
        } else {
            connection.moveTo(ConnectionState.OPEN);
            connection.watch(connection.readInterest());
            connected();
        }
    }

    private void handshake() {
        TlsSession tls = connection.tls();
        if (!tls.handshake(loop, fd, inbound)) {
            connection.watch(tls.hasPendingOutput() ? Connection.WATCH_READ | Epoll.EPOLLOUT : Connection.WATCH_READ);
            return;
        }
        connection.moveTo(ConnectionState.OPEN);
        connection.watch(connection.readInterest());
        connected();
        if (connection.isOpen() && inbound.readable() > 0) {
            receiver.deliver();
        }
        if (connection.isOpen() && tls.hasBufferedInput()) {
            receiver.readable();
        }
    }

    private void connected() {
        handler.onConnected(connection);
        if (shutdownRequested && connection.isOpen()) {
            connection.moveTo(ConnectionState.CLOSING);
        }
        ConnectionState state = connection.state();
        if ((!sender.isEmpty() || state == ConnectionState.CLOSING) && state != ConnectionState.CLOSED) {
            connection.flush();
        }
    }
}
