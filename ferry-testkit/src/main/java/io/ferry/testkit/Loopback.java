package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/** The one address every server of the kit binds to, and free ports on it. */
final class Loopback {
    static final InetAddress ADDRESS = ipv4Loopback();
    static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /**
     * A port that was free a moment ago, for a child process that must be told its port before
     * it starts. Another process may take it in between; the child then fails to bind and its
     * log says so.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, ADDRESS)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    static URI origin(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** {@code http://127.0.0.1:port/path}; characters not allowed in a URI path are quoted. */
    static URI uri(int port, String path) {
        try {
            return new URI("http", null, HOST, port, path.startsWith("/") ? path : "/" + path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a four-byte address is always valid", e);
        }
    }
}
