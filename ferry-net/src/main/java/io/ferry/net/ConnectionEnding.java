package io.ferry.net;

import io.ferry.FerryException;
import io.ferry.internal.linux.Sockets;

import java.util.concurrent.TimeUnit;

/**
 * The end of a connection after {@link Connection#shutdown}: once everything queued is sent, the
 * write side is shut (the peer reads to its end and sees FIN), then what the peer still sends is read
 * and dropped until it closes its side too, for at most {@link #LINGER_NS}, and the connection closes
 * with the shutdown's cause. Closing at once while the peer's bytes lie unread would make the kernel
 * answer with a reset, and a reset can destroy the last replies before the peer reads them. But a peer
 * that has not even taken what was sent by the end of the linger stopped reading (a stream receiver
 * holding a channel, a zero window): the FIN waits behind those bytes and might never reach it, so the
 * connection resets instead, which it hears at once.
 * The loop's thread only.
 */
final class ConnectionEnding {
    /** How long a connection whose write side is shut waits for the peer's end. */
    static final long LINGER_NS = TimeUnit.SECONDS.toNanos(2);

    private final Connection connection;
    private final NetLoop loop;
    private final int fd;
    private final ConnectionReceiver receiver;
    private FerryException cause;
    /** Set once the write side is shut and the connection waits for the peer's end. */
    private Timer lingering;

    ConnectionEnding(Connection connection, NetLoop loop, int fd, ConnectionReceiver receiver) {
        this.connection = connection;
        this.loop = loop;
        this.fd = fd;
        this.receiver = receiver;
    }

    /** A shutdown was asked for; the handler will hear {@code shutdownCause} (null: an orderly end). */
    void requested(FerryException shutdownCause) {
        cause = shutdownCause;
    }

    boolean isLingering() {
        return lingering != null;
    }

    /** Everything is sent: shuts the write side and waits for the peer's end. Once. */
    void linger() {
        if (lingering != null) {
            return;
        }
        Sockets.shutdownOutput(loop.errno(), fd);
        lingering = loop.timer(this::lingered);
        lingering.scheduleAfter(LINGER_NS);
        connection.watch(Connection.WATCH_READ);
        readable();
    }

    private void lingered() {
        if (Sockets.unacknowledgedBytes(loop.errno(), fd, loop.scratch()) > 0) {
            Sockets.resetOnClose(loop.errno(), fd, loop.scratch());
        }
        connection.close(cause);
    }

    /** The socket is readable while lingering: drops what came, and closes at the peer's end. */
    void readable() {
        if (receiver.dropReceived()) {
            connection.close(cause);
        }
    }

    /** The connection closed: no bound to wait for any more. */
    void closed() {
        if (lingering != null) {
            lingering.cancel();
        }
    }
}
