package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * How a connection is set up.
 *
 * @param receiveBufferSize bytes a connection buffers between socket reads and its handler (64 KiB by
 *                          default); the largest unit a handler can parse from the buffer, so
 *                          payloads larger than that go to {@link Connection#receiveInto}
 * @param directReadMin     a {@link Connection#receiveInto} target with at least this many bytes still
 *                          to come is read straight from the socket; smaller rests pass through the
 *                          buffer, so that one read takes them together with what follows (16 KiB)
 * @param tls               TLS for this connection, or null for plain TCP
 * @param serverName        for a TLS client: the name to send (SNI) and to verify the certificate
 *                          against; null for a server or plain TCP
 */
public record ConnectionOptions(int receiveBufferSize, int directReadMin, TlsConfig tls, String serverName) {
    /** The default {@code receiveBufferSize}: 64 KiB. */
    public static final int DEFAULT_RECEIVE_BUFFER_SIZE = 64 * 1024;
    /** The default {@code directReadMin}: 16 KiB. */
    public static final int DEFAULT_DIRECT_READ_MIN = 16 * 1024;
    /** The smallest buffer: room for the largest TLS record and more. */
    public static final int MIN_RECEIVE_BUFFER_SIZE = 32 * 1024;

    /** Plain TCP with the default sizes. */
    public static final ConnectionOptions PLAIN = new ConnectionOptions(DEFAULT_RECEIVE_BUFFER_SIZE, DEFAULT_DIRECT_READ_MIN, null, null);

    /**
     * Checks the buffer holds at least {@link #MIN_RECEIVE_BUFFER_SIZE} bytes, {@code directReadMin} is
     * positive and a TLS client has a server name.
     */
    public ConnectionOptions {
        if (receiveBufferSize < MIN_RECEIVE_BUFFER_SIZE) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the receive buffer must hold at least "
                    + MIN_RECEIVE_BUFFER_SIZE + " bytes: " + receiveBufferSize);
        }
        if (directReadMin < 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "directReadMin must be at least 1: " + directReadMin);
        }
        if (tls != null && tls.isClient() && (serverName == null || serverName.isEmpty())) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a TLS client connection needs the server's name");
        }
    }

    /** TLS as a client to {@code serverName}, default sizes. */
    public static ConnectionOptions tlsClient(TlsConfig tls, String serverName) {
        return new ConnectionOptions(DEFAULT_RECEIVE_BUFFER_SIZE, DEFAULT_DIRECT_READ_MIN, tls, serverName);
    }

    /** TLS as a server, default sizes. */
    public static ConnectionOptions tlsServer(TlsConfig tls) {
        return new ConnectionOptions(DEFAULT_RECEIVE_BUFFER_SIZE, DEFAULT_DIRECT_READ_MIN, tls, null);
    }

    /** These options with another receive buffer size. */
    public ConnectionOptions withReceiveBufferSize(int size) {
        return new ConnectionOptions(size, directReadMin, tls, serverName);
    }
}
