package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.URI;
import java.util.Locale;

/** Scheme, host and port of a server: connections are kept per origin. */
public record Origin(boolean tls, String host, int port) {
    /** The origin of an {@code http} or {@code https} URI. */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unsupported scheme in " + uri + ": expected http or https");
        }
        if (uri.getHost() == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "no host in " + uri);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return new Origin(tls, uri.getHost(), port);
    }

    /** The value of the Host header: the port is left out when it is the scheme's default. */
    public String hostHeader() {
        return port == (tls ? 443 : 80) ? host : host + ":" + port;
    }

    /** The host name without IPv6 brackets, for resolving and for TLS server name checks. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + hostHeader();
    }
}
