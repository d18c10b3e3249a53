package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.TlsConfig;

import java.nio.file.Path;

/**
 * Client TLS of the remote backend, as ferry-net's {@link TlsConfig}: the JDK's trust store, or the
 * certificates of a PEM file, with host name verification; or, when the user asked for it (curl's
 * --insecure), no verification at all. Built when the first https connection needs it, so that
 * plain http never pays for loading the trust store. Shared by every thread of a backend.
 */
public final class Tls {
    private final Path caFile;
    private final boolean verify;
    private TlsConfig config;

    private Tls(Path caFile, boolean verify) {
        this.caFile = caFile;
        this.verify = verify;
    }

    /** Trusts the JDK's default certificate authorities, or only those in {@code caFile} when not null. */
    public static Tls client(Path caFile) {
        return new Tls(caFile, true);
    }

    /** Trusts any certificate for any name: a man in the middle goes unnoticed. */
    public static Tls insecureClient() {
        return new Tls(null, false);
    }

    synchronized TlsConfig config() {
        if (config == null) {
            try {
                config = !verify ? TlsConfig.insecureClient() : caFile == null ? TlsConfig.client() : TlsConfig.client(caFile);
            } catch (FerryException e) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot set up TLS"
                        + (caFile == null ? "" : " with certificates from " + caFile) + ": " + e.getMessage(), e);
            }
        }
        return config;
    }
}
