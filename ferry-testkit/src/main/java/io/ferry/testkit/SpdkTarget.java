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
 * SPDK's own NVMe/TCP target ({@code ../shared/tools/spdk/bin/nvmf_tgt}, set up as {@code spdk-target} does) on a free port of
 * 127.0.0.1, serving one memory namespace (nsid 1, 512-byte blocks) of {@link #NQN} and the
 * discovery subsystem. Started by {@link #start}, stopped (with every process it started) by
 * {@link #close()}, or killed at once by {@link #kill()} to test a target that dies.
 */
public final class SpdkTarget implements AutoCloseable {
    public static final String NQN = "nqn.2016-06.io.spdk:cnode1";
    /** The subsystem's serial number, as Identify Controller reports it. */
    public static final String SERIAL = "SPDK00000000000001";
    /** The subsystem's model number, as Identify Controller reports it. */
    public static final String MODEL = "SPDK bdev Controller";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    /** The parent-death signal fires when the spawning thread ends: spawn from one thread that lives as long as the JVM. */
    private static final java.util.concurrent.ExecutorService SPAWNER = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("ferry-testkit-spdk-spawner").factory());

    private final Process process;
    private final int port;
    private final Path directory;
    private volatile boolean frozen;

    private SpdkTarget(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** The directory of SPDK's prebuilt tools; skips the test where they or root are missing (fails it when {@code CI=true}). */
    public static Path tools() {
        Requirements.spdkTools();
        return SpdkTools.directory();
    }

    /**
     * Starts the target with a namespace of {@code mebibytes} MiB and waits until it accepts
     * connections. It runs {@code bin/nvmf_tgt} with the configuration {@code spdk-target} writes,
     * plus {@code --disable-cpumask-locks}: several targets (of concurrent test runs) may share core 0.
     */
    public static SpdkTarget start(int mebibytes) {
        Path tools = tools();
        int port = Loopback.freePort();
        try {
            Path directory = Files.createTempDirectory("ferry-spdk-target-");
            Path config = Files.writeString(directory.resolve("target.json"), config(port, mebibytes));
            Path log = directory.resolve("nvmf_tgt.log");
            List<String> command = new java.util.ArrayList<>();
            if (Files.isExecutable(SETPRIV)) {
                command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL"));
            }
            command.addAll(List.of(tools.resolve("bin/nvmf_tgt").toString(), "-m", "0x1", "--no-huge", "-s",
                    Integer.toString(mebibytes + 512), "--disable-cpumask-locks",
                    // No trace buffer: it is a file in /dev/shm that a killed target leaves behind.
                    "--num-trace-entries", "0", "--json", config.toString(), "-r",
                    directory.resolve("spdk.sock").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = SPAWNER.submit(builder::start).get();
            SpdkTarget target = new SpdkTarget(process, port, directory);
            target.awaitListening();
            return target;
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not start SPDK's target", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting SPDK's target", e);
        }
    }

    /** The configuration of ../shared/tools/spdk/spdk-target: one malloc namespace of 512-byte blocks, SPDK's TCP defaults. */
    private static String config(int port, int mebibytes) {
        String listener = "{\"trtype\":\"TCP\",\"adrfam\":\"IPv4\",\"traddr\":\"" + Loopback.HOST
                + "\",\"trsvcid\":\"" + port + "\"}";
        return "{\"subsystems\":[\n"
                + " {\"subsystem\":\"bdev\",\"config\":[{\"method\":\"bdev_malloc_create\",\"params\":{\"name\":\"Malloc0\","
                + "\"num_blocks\":" + mebibytes * 2048 + ",\"block_size\":512}}]},\n"
                + " {\"subsystem\":\"nvmf\",\"config\":[\n"
                + "  {\"method\":\"nvmf_create_transport\",\"params\":{\"trtype\":\"TCP\",\"max_queue_depth\":128,"
                + "\"max_io_qpairs_per_ctrlr\":127,\"in_capsule_data_size\":4096,\"max_io_size\":131072}},\n"
                + "  {\"method\":\"nvmf_create_subsystem\",\"params\":{\"nqn\":\"" + NQN + "\",\"allow_any_host\":true,"
                + "\"serial_number\":\"" + SERIAL + "\",\"model_number\":\"" + MODEL + "\",\"max_namespaces\":8}},\n"
                + "  {\"method\":\"nvmf_subsystem_add_ns\",\"params\":{\"nqn\":\"" + NQN + "\",\"namespace\":{\"nsid\":1,"
                + "\"bdev_name\":\"Malloc0\"}}},\n"
                + "  {\"method\":\"nvmf_subsystem_add_listener\",\"params\":{\"nqn\":\"" + NQN + "\",\"listen_address\":"
                + listener + "}},\n"
                + "  {\"method\":\"nvmf_subsystem_add_listener\",\"params\":{\"nqn\":\"nqn.2014-08.org.nvmexpress.discovery\","
                + "\"listen_address\":" + listener + "}}\n"
                + " ]}]}\n";
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
            return Files.readString(directory.resolve("nvmf_tgt.log"));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Stops the target with SIGSTOP, as a hung target: its sockets stay open and nothing answers.
     * {@link #close()} and {@link #kill()} still end it.
     */
    public void freeze() {
        try {
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
            frozen = true;
            if (!stop.waitFor(10, TimeUnit.SECONDS) || stop.exitValue() != 0) {
                throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -STOP " + process.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping SPDK's target", e);
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
        // A stopped process would not act on SIGTERM before it is continued.
        all.forEach(frozen ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        if (!awaitGone(all)) {
            all.forEach(ProcessHandle::destroyForcibly);
            awaitGone(all);
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a temporary directory; the system cleans it up
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
