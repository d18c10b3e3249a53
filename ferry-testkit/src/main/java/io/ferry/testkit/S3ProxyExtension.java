package io.ferry.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * An s3proxy shared by the tests of one class: started with one bucket before the first test,
 * stopped after the last.
 * {@code @RegisterExtension static final S3ProxyExtension S3PROXY = S3ProxyExtension.anonymous("bucket");}
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<S3ProxyServer> start;
    private final String bucket;
    private S3ProxyServer server;

    private S3ProxyExtension(Supplier<S3ProxyServer> start, String bucket) {
        this.start = start;
        this.bucket = bucket;
    }

    /** Unsigned requests allowed ({@link S3ProxyServer#startAnonymous()}). */
    public static S3ProxyExtension anonymous(String bucket) {
        return new S3ProxyExtension(S3ProxyServer::startAnonymous, bucket);
    }

    /** Signatures checked with generated keys ({@link S3ProxyServer#start()}). */
    public static S3ProxyExtension signed(String bucket) {
        return new S3ProxyExtension(S3ProxyServer::start, bucket);
    }

    /** Signatures checked with these keys. */
    public static S3ProxyExtension signed(String identity, String credential, String bucket) {
        return new S3ProxyExtension(() -> S3ProxyServer.start(identity, credential), bucket);
    }

    /** The running server; only between the class's first and last test. */
    public S3ProxyServer server() {
        if (server == null) {
            throw new IllegalStateException("s3proxy runs only while the tests of its class run");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = start.get();
        server.createBucket(bucket);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
