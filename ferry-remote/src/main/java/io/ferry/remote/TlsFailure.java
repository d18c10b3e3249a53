package io.ferry.remote;

import javax.net.ssl.SSLHandshakeException;
import java.util.Locale;

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
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("expired") || text.contains("validity check failed")) {
            return "the server's certificate has expired or is not yet valid";
        }
        if (text.contains("certification path") || text.contains("pkix")) {
            return "the server's certificate is not signed by an authority this process trusts (trust the server's "
                    + "authority with FERRY_HTTP_CA_FILE or --cacert FILE)";
        }
        if (text.contains("subject alternative name") || text.contains("no name matching")) {
            return "the server's certificate is for another host name";
        }
        return "the TLS handshake failed: " + e.getMessage();
    }
}
