package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchResult;
import io.ferry.bench.ReferenceResult;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.RowSpec;
import io.ferry.bench.ToolProcesses;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            output = ToolProcesses.run(ToolProcesses.Command.of(List.of(executable, "--version")), 10_000);
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
        FioJob job = FioJob.of(config, row, Path.of(location), ferry.registered());
        List<String> command = new ArrayList<>(job.arguments().size() + 1);
        command.add(executable);
        command.addAll(job.arguments());
        String output = ToolProcesses.run(new ToolProcesses.Command(command, job.commandLine(executable)), job.timeoutMs());
        FioTerse.Figures figures = FioTerse.parse(output, job.op(), config.threads());
        return new ReferenceResult(name(), job.commandLine(executable), figures.bandwidthGBps(), figures.iops(),
                figures.avgLatUs(), figures.lat(), figures.cpuSecondsPerGB());
    }
}
