package io.ferry.remote;

import io.ferry.net.TlsFailureKind;

import javax.net.ssl.SSLHandshakeException;

/**
 * A failed TLS handshake in one plain line, instead of the JDK's chain of PKIX and certpath
 * exception messages: what is wrong with the server's certificate and what the user can do.
 */
final class TlsFailure {
    private TlsFailure() {
    }

    /** The handshake failure in {@code cause}'s chain, or null when there is none. */
    static SSLHandshakeException in(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException handshake) {
                return handshake;
            }
        }
        return null;
    }

    static String describe(SSLHandshakeException e) {
        TlsFailureKind kind = TlsFailureKind.of(e);
        return switch (kind) {
            case OTHER -> "the TLS handshake failed: " + e.getMessage();
            case UNTRUSTED -> kind.describe("the server", e)
                    + " (trust the server's authority with FERRY_HTTP_CA_FILE or --cacert FILE)";
            default -> kind.describe("the server", e);
        };
    }
}
