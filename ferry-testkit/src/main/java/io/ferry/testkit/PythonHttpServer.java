package io.ferry.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Python's {@code http.server} serving a directory on 127.0.0.1, as people share files with
 * {@code python3 -m http.server}: HTTP/1.0, a {@code Content-Length} on every file, no byte ranges
 * (a Range header is ignored, the answer is the whole file) and no {@code Accept-Ranges}.
 */
public final class PythonHttpServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/python3");
    private static final Optional<Path> BINARY = Executables.find(DEBIAN_BINARY, "python3");

    private final ChildProcess process;
    private final int port;

    private PythonHttpServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether python3 exists at {@code /usr/bin/python3} or on the PATH. */
    public static boolean isAvailable() {
        return BINARY.isPresent();
    }

    /** Starts serving {@code root} on a free port and returns once it answers HTTP. */
    public static PythonHttpServer start(Path root) {
        int port = Loopback.freePort();
        ChildProcess process = ChildProcess.start("python-http", port, START_TIMEOUT, directory -> {
            Path binary = BINARY.orElseThrow(() -> new IllegalStateException(
                    "python3 not found at " + DEBIAN_BINARY + " or on the PATH; " + Requirements.PYTHON_INSTALL_HINT));
            return List.of(binary.toString(), "-m", "http.server", String.valueOf(port), "--bind", Loopback.HOST,
                    "--directory", root.toAbsolutePath().toString());
        });
        return new PythonHttpServer(process, port);
    }

    /** {@code http://127.0.0.1:port/relativePath}. */
    public URI uri(String relativePath) {
        return Loopback.uri(port, relativePath);
    }

    @Override
    public void close() {
        process.close();
    }
}
