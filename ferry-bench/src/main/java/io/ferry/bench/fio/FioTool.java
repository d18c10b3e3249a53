package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchResult;
import io.ferry.bench.ReferenceResult;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.RowSpec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fio as the reference tool of {@code ferry bench --compare fio}: runs the {@link FioJob} equivalent
 * to each row on the same file, right after Ferry's run of that row, and reads its terse output.
 */
public final class FioTool implements ReferenceTool {
    private static final String INSTALL_HINT = "install it (Debian: apt-get install -y fio) or leave out --compare fio";

    private final String executable;
    private final String version;

    private FioTool(String executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** fio from the PATH, checked now so that a missing fio is reported before the sweep starts. */
    public static FioTool probe() {
        return probe("fio");
    }

    /** The fio at {@code executable}, checked now. */
    public static FioTool probe(String executable) {
        String output;
        try {
            output = run(List.of(executable, "--version"), 10_000);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED, "fio is not available (" + e.getMessage() + "); "
                    + INSTALL_HINT, e);
        }
        return new FioTool(executable, output.strip());
    }

    @Override
    public String name() {
        return "fio";
    }

    /** What {@code fio --version} printed. */
    public String version() {
        return version;
    }

    @Override
    public ReferenceResult run(BenchConfig config, RowSpec row, String location, BenchResult ferry) {
        FioJob job = FioJob.of(config, row, Path.of(location));
        List<String> command = new ArrayList<>(job.arguments().size() + 1);
        command.add(executable);
        command.addAll(job.arguments());
        FioTerse.Figures figures = FioTerse.parse(run(command, job.timeoutMs()), job.direction());
        return new ReferenceResult(name(), job.commandLine(executable), figures.bandwidthGBps(), figures.iops(),
                // fio's CPU figures are percentages of its own runtime, ramp time included: not comparable, left out.
                figures.avgLatUs(), figures.p99LatUs(), Double.NaN);
    }

    /**
     * Runs a command to its end and returns what it printed; any failure is a clear FerryException.
     * Output goes to a temporary file, so that a chatty process can never block on a full pipe
     * while we wait for it with a timeout.
     */
    private static String run(List<String> command, long timeoutMs) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("ferry-fio-", ".out");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FerryException(ErrorCode.TIMED_OUT, String.join(" ", command) + " did not finish within "
                        + timeoutMs + " ms and was killed");
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new FerryException(ErrorCode.IO_ERROR, String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ": " + FioTerse.firstLines(text));
            }
            return text;
        } catch (IOException e) {
            throw new FerryException(ErrorCode.NOT_FOUND, "cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.INTERRUPTED, "interrupted while " + command.getFirst() + " ran", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover file in the temporary directory is harmless; the result is not.
            }
        }
    }
}
