package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.buffer.ByteBufAllocator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.File;

/** Client TLS: the JDK's trust store, or the certificates of a PEM file, with host name verification. */
public final class Tls {
    private final File caFile;
    private SslContext context;

    private Tls(File caFile) {
        this.caFile = caFile;
    }

    /**
     * Trusts the JDK's default certificate authorities, or only those in {@code caFile} when not
     * null. The TLS context is built when the first https connection needs it.
     */
    public static Tls client(File caFile) {
        return new Tls(caFile);
    }

    private synchronized SslContext context() {
        if (context == null) {
            context = build(caFile);
        }
        return context;
    }

    private static SslContext build(File caFile) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (caFile != null) {
                builder.trustManager(caFile);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot set up TLS"
                    + (caFile == null ? "" : " with certificates from " + caFile) + ": " + e.getMessage(), e);
        }
    }

    SslHandler newHandler(Origin origin) {
        SslHandler handler = context().newHandler(ByteBufAllocator.DEFAULT, origin.bareHost(), origin.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        // The connection enforces its own timeout; no timer of the handler may depend on an event loop.
        handler.setHandshakeTimeoutMillis(0);
        handler.setCloseNotifyFlushTimeoutMillis(0);
        return handler;
    }
}
