package io.ferry.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SPDK's own NVMe/TCP target ({@code ../shared/tools/spdk/spdk-target}) on a free port of
 * 127.0.0.1, serving one memory namespace (nsid 1, 512-byte blocks) of {@link #NQN} and the
 * discovery subsystem. Started by {@link #start}, stopped (with every process it started) by
 * {@link #close()}, or killed at once by {@link #kill()} to test a target that dies.
 */
public final class SpdkTarget implements AutoCloseable {
    public static final String NQN = "nqn.2016-06.io.spdk:cnode1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    /** The parent-death signal fires when the spawning thread ends: spawn from one thread that lives as long as the JVM. */
    private static final java.util.concurrent.ExecutorService SPAWNER = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("ferry-testkit-spdk-spawner").factory());

    private final Process process;
    private final int port;
    private final Path log;

    private SpdkTarget(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The directory of SPDK's prebuilt tools, {@code ../shared/tools/spdk} from the repository root;
     * skips the test when it is absent (fails it when {@code CI=true}), or when not running as root.
     */
    public static Path tools() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("run-tests"))) {
            root = root.getParent();
        }
        Path tools = root == null ? Path.of("../shared/tools/spdk") : root.resolve("../shared/tools/spdk").normalize();
        Requirements.require(Files.isExecutable(tools.resolve("spdk-target")), "SPDK's tools (" + tools + ")",
                "they come with the project's shared directory (../shared/tools/spdk)");
        Requirements.require(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
                "root (SPDK's tools need it)", "run the tests as root");
        return tools;
    }

    /** Starts the target with a namespace of {@code mebibytes} MiB and waits until it accepts connections. */
    public static SpdkTarget start(int mebibytes) {
        Path tools = tools();
        int port = Loopback.freePort();
        try {
            Path log = Files.createTempFile("ferry-spdk-target-", ".log");
            List<String> command = Files.isExecutable(SETPRIV)
                    ? List.of(SETPRIV.toString(), "--pdeathsig", "TERM", tools.resolve("spdk-target").toString(),
                            Integer.toString(port), NQN, Integer.toString(mebibytes))
                    : List.of(tools.resolve("spdk-target").toString(), Integer.toString(port), NQN, Integer.toString(mebibytes));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = SPAWNER.submit(builder::start).get();
            SpdkTarget target = new SpdkTarget(process, port, log);
            target.awaitListening();
            return target;
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not start SPDK's target", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting SPDK's target", e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String output = output();
                close();
                throw new IllegalStateException("SPDK's target did not listen on port " + port + ":\n" + output);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting SPDK's target", e);
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** {@code nvme+tcp://127.0.0.1:PORT/NQN/1}. */
    public String namespaceAddress() {
        return "nvme+tcp://" + Loopback.HOST + ":" + port + "/" + NQN + "/1";
    }

    /** What the target printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the target and its children with SIGKILL, as a crash would, and waits until they are gone. */
    public void kill() {
        List<ProcessHandle> all = everyProcess();
        all.forEach(ProcessHandle::destroyForcibly);
        awaitGone(all);
    }

    /** Stops the target (SIGTERM, SIGKILL after a grace period) and its children. Idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> all = everyProcess();
        all.forEach(ProcessHandle::destroy);
        if (!awaitGone(all)) {
            all.forEach(ProcessHandle::destroyForcibly);
            awaitGone(all);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it up
        }
    }

    private List<ProcessHandle> everyProcess() {
        return java.util.stream.Stream.concat(process.descendants(), java.util.stream.Stream.of(process.toHandle())).toList();
    }

    /** Waits (bounded) until every one of {@code processes} exited; false when one is still alive. */
    private static boolean awaitGone(List<ProcessHandle> processes) {
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // exited
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
