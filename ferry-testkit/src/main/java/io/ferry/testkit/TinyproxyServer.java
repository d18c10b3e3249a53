package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real tinyproxy, an HTTP proxy that forwards plain requests and tunnels {@code CONNECT} to any
 * port, on 127.0.0.1 as a child process in a temporary directory of its own, optionally asking
 * for Basic authentication. Its log shows each request it took ({@link #log()}).
 */
public final class TinyproxyServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/tinyproxy");
    private static final Optional<Path> BINARY = Executables.find(DEBIAN_BINARY, "tinyproxy");

    private final ChildProcess process;
    private final int port;

    private TinyproxyServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether a tinyproxy binary exists at {@code /usr/bin/tinyproxy} or on the PATH. */
    public static boolean isAvailable() {
        return BINARY.isPresent();
    }

    /**
     * Starts tinyproxy on a free port and returns once it answers HTTP.
     *
     * @param basicAuth {@code user:password} the proxy asks for, or null for none
     */
    public static TinyproxyServer start(String basicAuth) {
        int port = Loopback.freePort();
        ChildProcess process = ChildProcess.start("tinyproxy", port, START_TIMEOUT, directory -> {
            Path binary = BINARY.orElseThrow(() -> new IllegalStateException(
                    "tinyproxy not found at " + DEBIAN_BINARY + " or on the PATH; " + Requirements.TINYPROXY_INSTALL_HINT));
            Path config = directory.resolve("tinyproxy.conf");
            Files.writeString(config, configuration(directory, port, basicAuth));
            return List.of(binary.toString(), "-d", "-c", config.toString());
        });
        return new TinyproxyServer(process, port);
    }

    /** No ConnectPort line: CONNECT to every port is allowed (the tests' servers use free ports). */
    private static String configuration(Path directory, int port, String basicAuth) {
        return "Port " + port + "\n"
                + "Listen " + Loopback.HOST + "\n"
                + "Allow " + Loopback.HOST + "\n"
                + "Timeout 60\n"
                + "MaxClients 64\n"
                + "LogLevel Info\n"
                + "LogFile \"" + directory.resolve("access.log") + "\"\n"
                + (basicAuth == null ? "" : "BasicAuth " + basicAuth.replace(':', ' ') + "\n");
    }

    /** {@code http://127.0.0.1:port}, the value of a proxy variable. */
    public String url() {
        return "http://" + Loopback.HOST + ":" + port;
    }

    /** {@code http://user:password@127.0.0.1:port}. */
    public String url(String user, String password) {
        return "http://" + user + ":" + password + "@" + Loopback.HOST + ":" + port;
    }

    /** What tinyproxy logged so far: a line {@code Request (file descriptor N): GET http://... HTTP/1.1} per request. */
    public String log() {
        try {
            Path log = process.directory().resolve("access.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read tinyproxy's log", e);
        }
    }

    /** Stops tinyproxy and deletes its directory. Idempotent. */
    @Override
    public void close() {
        process.close();
    }
}
