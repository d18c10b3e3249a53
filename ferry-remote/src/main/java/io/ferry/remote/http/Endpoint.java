package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * An origin, the proxy its requests go through (or null), and the address a socket connects to:
 * the proxy's when there is one, else the origin's. Resolved once, on the control thread that opens
 * an object, so that no poll ever waits for DNS. Connections are pooled per endpoint: a connection
 * through a proxy belongs to the origin it reaches through it.
 */
public record Endpoint(Origin origin, InetSocketAddress address, ProxyRules.Proxy proxy) {
    /**
     * Resolves the origin of {@code uri}, or the proxy {@code proxies} choose for it
     * ({@link ProxyRules#NONE}: straight to the origin); an unknown host is a clear error.
     */
    public static Endpoint resolve(URI uri, ProxyRules proxies) {
        Origin origin = Origin.of(uri);
        ProxyRules.Proxy proxy = proxies.forOrigin(origin);
        if (proxy == null) {
            return new Endpoint(origin, address(origin.bareHost(), origin.port(), HttpUrls.shown(uri.toString())), null);
        }
        return new Endpoint(origin, address(proxy.host(), proxy.port(), "proxy " + proxy), proxy);
    }

    /** True when requests go through an HTTP proxy that forwards them (plain http, absolute request targets). */
    public boolean forwardsThroughProxy() {
        return proxy != null && !origin.tls();
    }

    /** True when the connection is a tunnel through a proxy (https: CONNECT, then TLS to the origin). */
    public boolean tunnelsThroughProxy() {
        return proxy != null && origin.tls();
    }

    private static InetSocketAddress address(String host, int port, String where) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new FerryException(ErrorCode.NOT_FOUND, "unknown host " + host + " in " + where, e);
        }
    }
}
