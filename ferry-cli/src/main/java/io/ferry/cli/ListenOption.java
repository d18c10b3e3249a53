package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code HOST:PORT} or {@code [IPV6]:PORT} as a resolved socket address; port 0 lets the system pick. */
final class ListenOption {
    private ListenOption() {
    }

    static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw invalid(value);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
        if (port < 0 || port > 65535) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "port must be 0 to 65535: " + value);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "unknown host " + host);
        }
    }

    private static FerryException invalid(String value) {
        return new FerryException(ErrorCode.INVALID_ARGUMENT, "expected HOST:PORT, such as 127.0.0.1:4420: " + value);
    }
}
