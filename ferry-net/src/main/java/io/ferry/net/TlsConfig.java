package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS settings for connections, built on the JDK's {@link SSLContext}: a client that trusts the
 * JDK's certificate authorities, those of a PEM file, or (explicitly) anyone; or a server with a
 * certificate chain and private key from PEM files. Clients verify the server's name (HTTPS rules)
 * unless insecure. Immutable and shareable between loops.
 */
public final class TlsConfig {
    private final SSLContext context;
    private final boolean client;
    private final boolean verifyName;
    private final String description;

    private TlsConfig(SSLContext context, boolean client, boolean verifyName, String description) {
        this.context = context;
        this.client = client;
        this.verifyName = verifyName;
        this.description = description;
    }

    /** A client that trusts the JDK's default certificate authorities. */
    public static TlsConfig client() {
        try {
            return new TlsConfig(SSLContext.getDefault(), true, true, "the JDK's certificate authorities");
        } catch (GeneralSecurityException e) {
            throw failure("cannot set up TLS", e);
        }
    }

    /** A client that trusts only the certificates in the PEM file {@code caFile}. */
    public static TlsConfig client(Path caFile) {
        List<X509Certificate> authorities = PemFiles.certificates(caFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new TlsConfig(context, true, true, "the certificates of " + caFile);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw failure("cannot use the certificates of " + caFile, e);
        }
    }

    /** A client that trusts any certificate and checks no name, as {@code curl --insecure}: encryption without authentication. */
    public static TlsConfig insecureClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingAnyone()}, null);
            return new TlsConfig(context, true, false, "any certificate (insecure)");
        } catch (GeneralSecurityException e) {
            throw failure("cannot set up TLS", e);
        }
    }

    /** A server presenting the certificate chain of {@code certificateFile} with the PKCS#8 key of {@code keyFile} (PEM). */
    public static TlsConfig server(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = PemFiles.certificates(certificateFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", PemFiles.privateKey(keyFile), password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new TlsConfig(context, false, false, "the certificate of " + certificateFile);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw failure("cannot use the certificate " + certificateFile + " with the key " + keyFile, e);
        }
    }

    /** Whether connections with this configuration are the client side. */
    public boolean isClient() {
        return client;
    }

    /** An engine for one connection: a client sends {@code serverName} (SNI) and verifies it. */
    SSLEngine newEngine(String serverName, InetSocketAddress peer) {
        if (!client) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        }
        SSLEngine engine = context.createSSLEngine(serverName, peer.getPort());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (verifyName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isAddressLiteral(serverName)) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static boolean isAddressLiteral(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static FerryException failure(String message, Exception e) {
        return new FerryException(ErrorCode.INVALID_ARGUMENT, message + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return (client ? "TLS client trusting " : "TLS server with ") + description;
    }

    /** Trusts every certificate: only for {@link #insecureClient()}. */
    private static final class TrustingAnyone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
