package io.ferry.remote.http;

import io.ferry.net.Connection;

import java.nio.ByteBuffer;

/**
 * The CONNECT exchange that opens a tunnel to an https origin through an HTTP proxy (RFC 9110,
 * section 9.3.6): the request, then the proxy's answer; on a 2xx the connection starts TLS with the
 * origin over the tunnel, checked against the origin's name.
 *
 * <p>Threads: the thread of the connection's loop.
 */
final class ProxyTunnel {
    private final Endpoint endpoint;
    private boolean answered;

    ProxyTunnel(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code CONNECT host:port}, with Host and, when the proxy URL has credentials, Proxy-Authorization. */
    RequestHead request() {
        String authority = endpoint.origin().host() + ":" + endpoint.origin().port();
        RequestHead connect = new RequestHead(HttpMethod.CONNECT, authority);
        connect.headers().set(HeaderNames.HOST, authority);
        connect.headers().set(HeaderNames.USER_AGENT, UserAgent.VALUE);
        if (endpoint.proxy().authorization() != null) {
            connect.headers().set(HeaderNames.PROXY_AUTHORIZATION, endpoint.proxy().authorization());
        }
        return connect;
    }

    /** True once the proxy accepted: TLS with the origin is started or done. */
    boolean isAnswered() {
        return answered;
    }

    /**
     * Reads the proxy's answer from {@code received}, once it is whole: a 2xx starts TLS on
     * {@code connection}; interim answers are skipped.
     *
     * @throws ProxyRefusedException for any other answer
     */
    void read(ByteBuffer received, Connection connection, Tls tls) {
        while (!answered) {
            ResponseHead answer = HeadParser.parse(received, "proxy " + endpoint.proxy());
            if (answer == null) {
                return;
            }
            if (answer.status() / 100 == 2) {
                answered = true;
                connection.startTls(tls.config(), endpoint.origin().bareHost());
            } else if (answer.status() / 100 != 1) {
                throw new ProxyRefusedException(endpoint.proxy(), endpoint.origin(), answer);
            }
        }
    }
}
