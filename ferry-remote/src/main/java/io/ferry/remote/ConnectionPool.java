package io.ferry.remote;

import io.ferry.remote.http.Endpoint;
import io.ferry.remote.http.HttpConnection;
import io.ferry.remote.http.Reactor;
import io.ferry.remote.http.Tls;

import java.util.ArrayList;
import java.util.List;

/** At most a fixed number of keep-alive connections over all servers, reused per endpoint. */
final class ConnectionPool implements AutoCloseable {
    private final int max;
    private final Tls tls;
    private final Reactor reactor;
    private final List<HttpConnection> connections = new ArrayList<>();

    ConnectionPool(int max, Tls tls, Reactor reactor) {
        this.max = max;
        this.tls = tls;
        this.reactor = reactor;
    }

    /**
     * An idle connection to {@code endpoint}, or a new one. The caller keeps no more exchanges in
     * flight than the pool's maximum, so an idle connection to another server can always make room.
     */
    HttpConnection acquire(Endpoint endpoint) {
        connections.removeIf(HttpConnection::isClosed);
        HttpConnection spare = null;
        for (HttpConnection connection : connections) {
            if (connection.isIdle()) {
                if (connection.endpoint().equals(endpoint)) {
                    return connection;
                }
                spare = connection;
            }
        }
        if (connections.size() >= max && spare != null) {
            spare.close();
            connections.remove(spare);
        }
        HttpConnection connection = HttpConnection.open(endpoint, tls, reactor);
        connections.add(connection);
        return connection;
    }

    /** Fails exchanges on connections that were silent for longer than {@code timeoutNs}. */
    void checkTimeouts(long nowNs, long timeoutNs) {
        for (int i = 0; i < connections.size(); i++) {
            connections.get(i).checkTimeout(nowNs, timeoutNs);
        }
    }

    @Override
    public void close() {
        List.copyOf(connections).forEach(HttpConnection::close);
        connections.clear();
    }
}
