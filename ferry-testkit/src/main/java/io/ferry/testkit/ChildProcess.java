package io.ferry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A server run as a child process in a temporary directory of its own, which it owns: started,
 * awaited until it answers HTTP on its port, stopped, and the directory deleted.
 *
 * <p>Nothing outlives the JVM: a shutdown hook stops the child on a normal exit, and where
 * util-linux {@code setpriv} exists the kernel kills the child when the JVM dies, even by SIGKILL.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final long PROBE_INTERVAL_MS = 20;
    private static final int LOG_TAIL_CHARS = 8_000;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final String OWNER_FILE = "owner.pid";
    /**
     * The parent-death signal fires when the thread that spawned the child ends, so children are
     * spawned from this one thread, which lives as long as the JVM.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("ferry-testkit-spawner").factory());

    /** Writes what the child needs into its directory and returns the command that starts it. */
    @FunctionalInterface
    interface Preparation {
        List<String> command(Path directory) throws IOException;
    }

    private final String name;
    private final Path directory;
    private final Process process;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChildProcess(String name, Path directory, Process process) {
        this.name = name;
        this.directory = directory;
        this.process = process;
        this.shutdownHook = new Thread(this::stopAndDelete, "ferry-testkit-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Creates the directory, prepares and starts the child with its output in {@code name.log}
     * there, and waits until it answers HTTP on {@code port}. On failure nothing is left behind
     * and the exception carries every {@code *.log} of the directory.
     */
    static ChildProcess start(String name, int port, Duration startTimeout, Preparation preparation) {
        Path directory = createDirectory(name);
        ChildProcess child;
        try {
            child = spawn(name, directory, preparation.command(directory));
        } catch (IOException | RuntimeException e) {
            deleteRecursively(directory);
            throw new IllegalStateException("could not start " + name, e);
        }
        try {
            child.awaitHttp(port, startTimeout);
            return child;
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops the child (SIGTERM, then SIGKILL after a grace period) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to run and does the same work.
        }
        stopAndDelete();
    }

    private static ChildProcess spawn(String name, Path directory, List<String> command) throws IOException {
        List<String> fullCommand = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            fullCommand.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL"));
        }
        fullCommand.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(fullCommand)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        try {
            return new ChildProcess(name, directory, SPAWNER.submit(builder::start).get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + name, e);
        }
    }

    private void awaitHttp(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answersHttp(port)) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before answering on port " + port);
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure(name + " did not answer HTTP on port " + port + " within " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(PROBE_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for " + name);
            }
        }
    }

    /** True when the port accepts a connection and a request on it gets the start of an HTTP answer. */
    private static boolean answersHttp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD / HTTP/1.1\r\nHost: " + Loopback.HOST + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException notYet) {
            return false;
        }
    }

    private IllegalStateException failure(String message) {
        StringBuilder text = new StringBuilder(message);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String content = Files.readString(log, StandardCharsets.UTF_8);
                text.append("\n--- ").append(log.getFileName()).append(" ---\n")
                        .append(content, Math.max(0, content.length() - LOG_TAIL_CHARS), content.length());
            }
        } catch (IOException e) {
            text.append("\n(logs unreadable: ").append(e).append(')');
        }
        return new IllegalStateException(text.toString());
    }

    private void stopAndDelete() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    /** A new directory {@code ferry-NAME-*} in the temporary directory, marked with the pid of this JVM. */
    private static Path createDirectory(String name) {
        deleteAbandonedDirectories(name);
        try {
            Path directory = Files.createTempDirectory("ferry-" + name + "-");
            Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for " + name, e);
        }
    }

    /** Deletes the directories of children whose JVM died without cleaning up (killed with SIGKILL). */
    private static void deleteAbandonedDirectories(String name) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> directories = Files.list(temp)) {
            for (Path directory : directories.filter(d -> d.getFileName().toString().startsWith("ferry-" + name + "-")).toList()) {
                Path owner = directory.resolve(OWNER_FILE);
                if (Files.isRegularFile(owner) && ProcessHandle.of(Long.parseLong(Files.readString(owner).strip())).isEmpty()) {
                    deleteRecursively(directory);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Another JVM may be sweeping or starting at the same time; what is left goes next time.
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
