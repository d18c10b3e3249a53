package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.buffer.ByteBufAllocator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.File;

/**
 * Client TLS: the JDK's trust store, or the certificates of a PEM file, with host name
 * verification; or, when the user asked for it (curl's --insecure), no verification at all.
 */
public final class Tls {
    private final File caFile;
    private final boolean verify;
    private SslContext context;

    private Tls(File caFile, boolean verify) {
        this.caFile = caFile;
        this.verify = verify;
    }

    /**
     * Trusts the JDK's default certificate authorities, or only those in {@code caFile} when not
     * null. The TLS context is built when the first https connection needs it.
     */
    public static Tls client(File caFile) {
        return new Tls(caFile, true);
    }

    /** Trusts any certificate for any name: a man in the middle goes unnoticed. */
    public static Tls insecureClient() {
        return new Tls(null, false);
    }

    private synchronized SslContext context() {
        if (context == null) {
            context = build(caFile, verify);
        }
        return context;
    }

    private static SslContext build(File caFile, boolean verify) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (!verify) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (caFile != null) {
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
        parameters.setEndpointIdentificationAlgorithm(verify ? "HTTPS" : null);
        engine.setSSLParameters(parameters);
        // The connection enforces its own timeout; no timer of the handler may depend on an event loop.
        handler.setHandshakeTimeoutMillis(0);
        handler.setCloseNotifyFlushTimeoutMillis(0);
        return handler;
    }
}
