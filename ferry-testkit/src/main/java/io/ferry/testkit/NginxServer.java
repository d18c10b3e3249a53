package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real nginx serving the files under a directory on 127.0.0.1, with byte ranges, HEAD,
 * keep-alive (100000 requests a connection, 60 s idle) and sendfile, as a child process in a
 * temporary prefix of its own. Works as root and as any other user.
 *
 * <pre>{@code
 * Requirements.nginx();                       // skips outside CI when nginx is missing
 * try (NginxServer nginx = NginxServer.start(directory)) {
 *     URI uri = nginx.uri("data/object.bin"); // serves directory/data/object.bin
 *     ...
 * }
 * }</pre>
 */
public final class NginxServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/nginx");
    private static final Optional<Path> BINARY = Executables.find(DEBIAN_BINARY, "nginx");

    private final ChildProcess process;
    private final int port;
    private final int tlsPort;
    private final Path certificate;

    private NginxServer(ChildProcess process, int port, int tlsPort, Path certificate) {
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.certificate = certificate;
    }

    /** Whether an nginx binary exists at {@code /usr/sbin/nginx} or on the PATH. */
    public static boolean isAvailable() {
        return BINARY.isPresent();
    }

    /**
     * Starts nginx on a free port serving {@code root} and returns once it answers HTTP.
     *
     * @throws IllegalStateException if nginx is missing, or did not start within 10 s (the message
     *                               then holds its error log)
     */
    public static NginxServer start(Path root) {
        int port = Loopback.freePort();
        ChildProcess process = ChildProcess.start("nginx", port, START_TIMEOUT,
                prefix -> command(prefix, NginxConfig.render(prefix, root, port, isRoot())));
        return new NginxServer(process, port, -1, null);
    }

    /**
     * As {@link #start}, and also serving https on {@link #tlsUri} with a self-signed certificate
     * for 127.0.0.1 and localhost, made by openssl; {@link #certificate()} is the PEM file to trust.
     */
    public static NginxServer startWithTls(Path root) {
        int port = Loopback.freePort();
        int tlsPort = Loopback.freePort();
        Path[] certificate = new Path[1];
        ChildProcess process = ChildProcess.start("nginx", port, START_TIMEOUT, prefix -> {
            certificate[0] = prefix.resolve("certificate.pem");
            Path key = prefix.resolve("key.pem");
            SelfSignedCertificate.create(certificate[0], key);
            return command(prefix, NginxConfig.render(prefix, root, port, isRoot(), tlsPort, certificate[0], key));
        });
        return new NginxServer(process, port, tlsPort, certificate[0]);
    }

    private static List<String> command(Path prefix, String configuration) throws IOException {
        Path binary = BINARY.orElseThrow(() -> new IllegalStateException(
                "nginx not found at " + DEBIAN_BINARY + " or on the PATH; " + Requirements.NGINX_INSTALL_HINT));
        Path config = prefix.resolve("nginx.conf");
        Files.writeString(config, configuration);
        // -e: the error log before the configuration is read, which would otherwise be /var/log/nginx's
        return List.of(binary.toString(), "-p", prefix.toString(), "-c", config.toString(),
                "-e", prefix.resolve("error.log").toString());
    }

    /** {@code https://127.0.0.1:tlsPort/path}, for a server started with {@link #startWithTls}. */
    public URI tlsUri(String relativePath) {
        if (tlsPort < 0) {
            throw new IllegalStateException("this nginx was started without TLS");
        }
        return URI.create(uri(relativePath).toString().replaceFirst("^http://[^/]+", "https://" + Loopback.HOST + ":" + tlsPort));
    }

    /** The self-signed certificate (PEM) of a server started with {@link #startWithTls}. */
    public Path certificate() {
        if (certificate == null) {
            throw new IllegalStateException("this nginx was started without TLS");
        }
        return certificate;
    }

    /** {@code http://127.0.0.1:port/}. */
    public URI baseUri() {
        return Loopback.uri(port, "/");
    }

    /** The URI of a file under the served directory; characters not allowed in a URI path are quoted. */
    public URI uri(String relativePath) {
        return Loopback.uri(port, relativePath);
    }

    /** Stops nginx and deletes its prefix (the served directory is left alone). Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    ProcessHandle processHandle() {
        return process.handle();
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uid of this process", e);
        }
    }
}
