package io.ferry.net;

import javax.net.ssl.SSLException;
import java.util.Locale;

/**
 * What went wrong in a failed TLS session, read from the JDK's message, with a plain wording for the
 * peer: so that no user reads a chain of PKIX and certpath exception names. Callers that know how the
 * user trusts a peer (a file option, a setting) add that to their own wording.
 */
public enum TlsFailureKind {
    /** No trusted authority signed the peer's certificate. */
    UNTRUSTED("'s certificate is not signed by an authority this process trusts"),
    /** The peer's certificate has expired or is not yet valid. */
    EXPIRED("'s certificate has expired or is not yet valid"),
    /** The peer's certificate names another host. */
    OTHER_HOST("'s certificate is for another host name"),
    /** The peer answered with bytes that are not TLS: a plain TCP service. */
    NOT_TLS(" does not speak TLS"),
    /** Anything else: the JDK's own message is all there is to say. */
    OTHER(null);

    private final String wording;

    TlsFailureKind(String wording) {
        this.wording = wording;
    }

    /** The kind of {@code failure}. */
    public static TlsFailureKind of(SSLException failure) {
        String text = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("expired") || text.contains("validity check failed")) {
            return EXPIRED;
        }
        if (text.contains("certification path") || text.contains("pkix")) {
            return UNTRUSTED;
        }
        if (text.contains("subject alternative") || text.contains("no name matching")) {
            return OTHER_HOST;
        }
        if (text.contains("unrecognized ssl message")) {
            return NOT_TLS;
        }
        return OTHER;
    }

    /**
     * What is wrong, of {@code peer} ("the server": "the server's certificate has expired or is not yet
     * valid"); {@code failure}'s own message for OTHER.
     */
    public String describe(String peer, SSLException failure) {
        return wording != null ? peer + wording : String.valueOf(failure.getMessage());
    }
}
