package io.ferry.remote;

import io.ferry.net.NetLoop;
import io.ferry.remote.http.Endpoint;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.Tls;

import java.util.ArrayList;
import java.util.List;

/** At most a fixed number of keep-alive connections over all servers, reused per endpoint, on one network loop. */
final class ConnectionPool implements AutoCloseable {
    private final int max;
    private final Tls tls;
    private final NetLoop loop;
    private final long timeoutNs;
    private final List<HttpConnection> connections = new ArrayList<>();

    /** @param timeoutNs the silence after which a connection's exchange fails */
    ConnectionPool(int max, Tls tls, NetLoop loop, long timeoutNs) {
        this.max = max;
        this.tls = tls;
        this.loop = loop;
        this.timeoutNs = timeoutNs;
    }

    /**
     * A connection for a task to {@code endpoint}: an idle one, else a new one while the pool has
     * room (closing an idle connection to another server if it must), else, when
     * {@code pipelining}, a busy one that can take a pipelined request. Null when none can take it.
     * With {@code fresh}, only a new connection: an idle one of the endpoint is closed first when
     * the pool is full (after one went stale, its idle siblings likely are too). A connection that
     * holds a response for a later read ({@link HttpConnection#isHeld()}) is closed for the task
     * only when every connection holds one, since a busy one frees itself.
     */
    HttpConnection acquire(Endpoint endpoint, boolean pipelining, boolean fresh) {
        connections.removeIf(HttpConnection::isClosed);
        HttpConnection spare = null;
        HttpConnection pipelinable = null;
        HttpConnection longestHeld = null;
        boolean allHeld = true;
        for (HttpConnection connection : connections) {
            boolean sameEndpoint = connection.endpoint().equals(endpoint);
            if (connection.isIdle()) {
                if (sameEndpoint && !fresh) {
                    return connection;
                }
                if (spare == null || sameEndpoint) {
                    spare = connection;
                }
            } else if (connection.isHeld()) {
                if (longestHeld == null || connection.heldSinceNs() < longestHeld.heldSinceNs()) {
                    longestHeld = connection;
                }
            } else {
                allHeld = false;
                if (pipelining && !fresh && pipelinable == null && sameEndpoint && connection.canPipeline()) {
                    pipelinable = connection;
                }
            }
        }
        if (spare == null && allHeld) {
            spare = longestHeld;
        }
        if (connections.size() < max || spare != null) {
            if (connections.size() >= max) {
                spare.close();
                connections.remove(spare);
            }
            HttpConnection connection = HttpConnection.open(endpoint, tls, loop, timeoutNs);
            connections.add(connection);
            return connection;
        }
        return pipelinable;
    }

    @Override
    public void close() {
        List.copyOf(connections).forEach(HttpConnection::close);
        connections.clear();
    }
}
