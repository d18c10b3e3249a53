package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Objects;

/**
 * A TCP address hosts reach the target through: an IP address (as text, the way the discovery log
 * carries it) and a port.
 *
 * @param host an IP address as text, 1 to 255 characters, without brackets for IPv6
 * @param port a TCP port, 1 to 65535
 */
public record ListenAddress(String host, int port) {
    /** Checks the host is 1 to 255 characters and the port 1 to 65535. */
    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || host.length() > 255) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "listen address must be 1 to 255 characters: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "port must be 1 to 65535: " + port);
        }
    }

    /** Whether the host part is an IPv6 address. */
    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }
}
