package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SPDK's prebuilt NVMe/TCP tools in {@code ../shared/tools/spdk} (relative to the repository root),
 * run as child processes that never outlive their call: each run is bounded and killed when its time
 * is up. They need root; guard tests with {@link Requirements#spdkTools()}.
 */
public final class SpdkTools {
    private static final Path RELATIVE = Path.of("shared", "tools", "spdk");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /** What a tool printed (standard output and error together) and how it ended. */
    public record Run(int exitCode, String output) {
    }

    private SpdkTools() {
    }

    /** The tools' directory: {@code shared/tools/spdk} beside the repository (found from the working directory up), or null. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isExecutable(candidate.resolve("bin").resolve("spdk_nvme_identify"))) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether this process runs as root, which the tools need (they map device memory). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Why the tools cannot run on this machine, or null when they can: a prebuilt binary stops with
     * SIGILL where the CPU lacks an instruction set it was compiled for (a build for CPUs with
     * AVX-512 on one without). Asked once, by running {@code spdk_nvme_identify -h}.
     */
    static String unusableReason() {
        return CpuCheck.REASON;
    }

    private static final class CpuCheck {
        private static final int KILLED_BY_SIGILL = 128 + 4;
        static final String REASON = check();

        private static String check() {
            if (directory() == null) {
                return null;
            }
            Run help = run(Duration.ofSeconds(30), "spdk_nvme_identify", "-h");
            if (help.exitCode() != KILLED_BY_SIGILL) {
                return null;
            }
            return "SPDK's prebuilt tools in " + directory() + " stop with an illegal instruction on this CPU"
                    + (cpuHasAvx512() ? "" : " (they use AVX-512, which this CPU lacks)");
        }

        private static boolean cpuHasAvx512() {
            try {
                return Files.readString(Path.of("/proc/cpuinfo")).contains(" avx512bw");
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** A binary of {@code bin/}. */
    public static Path binary(String name) {
        Path dir = directory();
        if (dir == null) {
            throw new IllegalStateException("SPDK's tools are not in ../shared/tools/spdk");
        }
        return dir.resolve("bin").resolve(name);
    }

    /**
     * Runs {@code bin/TOOL ARGS...} and waits up to {@code timeout}; a tool still running then is
     * killed and the run fails with what it printed so far.
     */
    public static Run run(Duration timeout, String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL"));
        }
        command.add(binary(tool).toString());
        command.addAll(List.of(args));
        Path log = null;
        Process process = null;
        try {
            log = Files.createTempFile("ferry-" + tool + "-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!ended) {
                throw new AssertionError(tool + " did not end within " + timeout.toMillis() + " ms; it printed:\n" + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + tool, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // A temporary file; the system cleans its temporary directory.
                }
            }
        }
    }
}
