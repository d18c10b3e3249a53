package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * An origin with its address resolved once, on the control thread that opens an object, so that
 * no poll ever waits for DNS.
 */
public record Endpoint(Origin origin, InetSocketAddress address) {
    /** Resolves the origin of {@code uri}; an unknown host is a clear error. */
    public static Endpoint resolve(URI uri) {
        Origin origin = Origin.of(uri);
        try {
            InetAddress address = InetAddress.getByName(origin.bareHost());
            return new Endpoint(origin, new InetSocketAddress(address, origin.port()));
        } catch (UnknownHostException e) {
            throw new FerryException(ErrorCode.NOT_FOUND, "unknown host " + origin.bareHost() + " in "
                    + HttpUrls.shown(uri.toString()), e);
        }
    }
}
