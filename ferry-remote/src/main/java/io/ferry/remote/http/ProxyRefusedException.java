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
        super(answer.status() == 401 || answer.status() == 403 || answer.status() == 407 ? ErrorCode.ACCESS_DENIED : ErrorCode.IO_ERROR,
                "proxy " + proxy + " refused CONNECT to " + origin.host() + ":" + origin.port() + ": " + answer.status()
                        + (answer.reason().isEmpty() ? "" : " " + answer.reason()));
        this.status = answer.status();
    }

    /** The proxy's status. */
    public int status() {
        return status;
    }
}
