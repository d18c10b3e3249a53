package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * An HTTP proxy answered CONNECT with another status than 2xx: the tunnel to the origin was not
 * opened. Retried like an answer of the server with that status (a 502 may pass, a 407 will not).
 */
public final class ProxyRefusedException extends FerryException {
    private final int status;

    ProxyRefusedException(ProxyRules.Proxy proxy, Origin origin, ResponseHead answer) {
        super(refusesCredentials(answer.status()) ? ErrorCode.ACCESS_DENIED : ErrorCode.IO_ERROR,
                "proxy " + proxy + " refused CONNECT to " + origin.host() + ":" + origin.port() + ": " + answer.status()
                        + (answer.reason().isEmpty() ? "" : " " + answer.reason()));
        this.status = answer.status();
    }

    /** 407 asks for credentials; tinyproxy answers a CONNECT without valid ones with 401; 403 forbids. */
    private static boolean refusesCredentials(int status) {
        return status == 401 || status == 403 || status == 407;
    }

    /** The proxy's status. */
    public int status() {
        return status;
    }
}
