package io.ferry.net;

/**
 * Where a connection is in its life. Transitions only go forward: CONNECTING → HANDSHAKING (TLS
 * only) → OPEN → CLOSING (sending what is queued, then closing) → CLOSED; any state may go straight
 * to CLOSED, and OPEN goes back to HANDSHAKING once when a plain connection starts TLS
 * ({@link Connection#startTls}). Accepted connections start at HANDSHAKING or OPEN.
 */
public enum ConnectionState {
    /** A non-blocking connect is under way. */
    CONNECTING,
    /** TCP is up; the TLS handshake is under way. */
    HANDSHAKING,
    /** Bytes flow both ways. */
    OPEN,
    /** No more bytes are received; what is queued is being sent, then the socket closes. */
    CLOSING,
    /** The socket is closed and the handler was told. */
    CLOSED
}
