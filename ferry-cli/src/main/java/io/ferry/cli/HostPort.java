package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code HOST:PORT}, {@code [IPv6]:PORT}, or {@code :PORT} / {@code PORT} (every local address), resolved. */
final class HostPort {
    private HostPort() {
    }

    /**
     * @param anyHost the host when none is given (a listener's wildcard), or null when a host is required
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for a malformed address, {@link ErrorCode#NOT_FOUND}
     *                        for a host that does not resolve
     */
    static InetSocketAddress parse(String text, String anyHost) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0 && !value.isEmpty() && !value.chars().allMatch(Character::isDigit)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "expected HOST:PORT: '" + text + "' names no port");
        }
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            if (anyHost == null) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "expected HOST:PORT: '" + text + "' names no host");
            }
            host = anyHost;
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "expected HOST:PORT: '" + text + "' has no valid port (0..65535)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), number);
        } catch (UnknownHostException e) {
            throw new FerryException(ErrorCode.NOT_FOUND, "unknown host '" + host + "'");
        }
    }
}
