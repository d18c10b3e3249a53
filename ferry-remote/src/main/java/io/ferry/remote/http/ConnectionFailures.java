package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;

/**
 * What the exchanges of an {@link HttpConnection} hear when the connection fails under them: one
 * line that names the server, or the server and its proxy for a failure to connect; and, for a
 * request the server never began to answer on a connection it had kept alive, or one pipelined
 * behind a request whose connection failed, a {@link StaleConnectionException}, so that it is sent
 * again on a new connection.
 *
 * <p>Threads: used on the thread of its connection's loop, like every callback; it holds nothing that
 * changes.
 */
final class ConnectionFailures {
    private final String server;
    /** The server, and the proxy when there is one: for messages about connecting. */
    private final String route;

    /** @param proxy the proxy the connection goes through, or null */
    ConnectionFailures(String server, ProxyRules.Proxy proxy) {
        this.server = server;
        this.route = proxy == null ? server : server + " through proxy " + proxy;
    }

    /** The connect to the server, or to its proxy, failed at once with {@code cause}. */
    FerryException cannotConnect(FerryException cause) {
        return new FerryException(cause.errorCode(), "cannot connect to " + route + ": " + cause.getMessage(), cause);
    }

    /** The server was silent for {@code timeoutNs}, while connecting or, once {@code connected}, while an exchange waited. */
    FerryException timedOut(long timeoutNs, boolean connected) {
        String what = connected ? "waiting for " + server + " (no bytes received)" : "connecting to " + route;
        return new FerryException(ErrorCode.TIMED_OUT, "timed out after " + (timeoutNs / 1_000_000) + " ms " + what);
    }

    /**
     * What the exchange in progress hears when the connection ended for {@code cause} (null: this
     * side closed it without one), a cause this side did not close it for; stale when
     * {@code awaitingFirstByteOnReuse}: its answer had not begun on a connection that answered others.
     */
    FerryException ended(FerryException cause, boolean connected, boolean awaitingFirstByteOnReuse) {
        if (cause == null) {
            return new FerryException(ErrorCode.CLOSED, "connection to " + server + " was closed");
        }
        String detail = cause.errno() != 0 ? Errno.name(cause.errno()) : cause.getMessage();
        if (!connected) {
            return new FerryException(ErrorCode.IO_ERROR, "cannot connect to " + route + ": " + detail, cause);
        }
        FerryException lost = cause.errorCode() == ErrorCode.CLOSED
                ? new FerryException(ErrorCode.IO_ERROR, "connection closed by " + server + " before the response was complete")
                : new FerryException(ErrorCode.IO_ERROR, "connection to " + server + ": " + detail, cause);
        return awaitingFirstByteOnReuse ? new StaleConnectionException(lost) : lost;
    }

    /** The failure of a pipelined exchange whose connection failed under the one before it: it was never answered. */
    FerryException closedUnder(FerryException cause) {
        return new StaleConnectionException(new FerryException(ErrorCode.CLOSED, "connection to " + server
                + " failed before the response to a pipelined request: " + cause.getMessage(), cause));
    }
}
