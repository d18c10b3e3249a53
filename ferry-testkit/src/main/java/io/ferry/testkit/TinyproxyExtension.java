package io.ferry.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A tinyproxy shared by the tests of one class: started before the first test, stopped after the
 * last. Without tinyproxy the class is skipped, saying how to install it (failed under CI=true).
 * {@code @RegisterExtension static final TinyproxyExtension PROXY = TinyproxyExtension.open();}
 */
public final class TinyproxyExtension implements BeforeAllCallback, AfterAllCallback {
    private final String basicAuth;
    private TinyproxyServer server;

    private TinyproxyExtension(String basicAuth) {
        this.basicAuth = basicAuth;
    }

    /** A proxy that asks for no authentication. */
    public static TinyproxyExtension open() {
        return new TinyproxyExtension(null);
    }

    /** A proxy that asks for Basic authentication with this user and password. */
    public static TinyproxyExtension withBasicAuth(String user, String password) {
        return new TinyproxyExtension(user + ":" + password);
    }

    /** The running proxy; only between the class's first and last test. */
    public TinyproxyServer server() {
        if (server == null) {
            throw new IllegalStateException("tinyproxy runs only while the tests of its class run");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Requirements.tinyproxy();
        server = TinyproxyServer.start(basicAuth);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
