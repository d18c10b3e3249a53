package io.ferry.bench.fio;

import io.ferry.bench.BenchOp;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.RowSpec;
import io.ferry.spi.RegisteredIo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fio job equivalent to one row of a Ferry benchmark, as an argument list. The mapping, option
 * by option and with what deliberately differs, is in docs/design/fio-mapping.md.
 *
 * @param arguments the arguments after the fio executable
 * @param op        the row's operation: which sides of fio's report (read, write or both) hold its figures
 * @param timeoutMs how long the run may take before it is treated as hung
 */
public record FioJob(List<String> arguments, BenchOp op, long timeoutMs) {
    /** Time granted beyond the job's own runtime and ramp time before fio is considered hung. */
    static final long MARGIN_MS = 60_000;
    /** Without a runtime (number_ios), the most a job may take. */
    static final long NUMBER_IOS_TIMEOUT_MS = 600_000;

    public FioJob {
        arguments = List.copyOf(arguments);
    }

    /** The job for {@code row} of {@code config} on {@code file}, with no registered buffers or files. */
    public static FioJob of(BenchConfig config, RowSpec row, Path file) {
        return of(config, row, file, null);
    }

    /**
     * The job for {@code row} of {@code config} on {@code file}; where Ferry's run of the row used
     * registered buffers or files ({@code ferryRegistered}, null when its engine has none), fio's
     * io_uring engine is given {@code --fixedbufs} and {@code --registerfiles} too, so that both take
     * the same path.
     */
    public static FioJob of(BenchConfig config, RowSpec row, Path file, RegisteredIo ferryRegistered) {
        FioEngine engine = FioEngine.of(config.engine());
        List<String> args = new ArrayList<>();
        args.add("--name=ferry-compare");
        args.add("--filename=" + file);
        args.add("--rw=" + row.op().fioName());
        if (row.op().isMixed()) {
            args.add("--rwmixread=" + config.rwMixRead());
        }
        args.add("--bs=" + row.blockSizeBytes());
        args.add("--size=" + config.fileSizeBytes());
        args.add("--ioengine=" + engine.engineName());
        args.add("--direct=" + (config.direct() ? 1 : 0));
        if (ferryRegistered != null && ferryRegistered.fixedBufferIos() > 0) {
            args.add("--fixedbufs");
        }
        if (ferryRegistered != null && ferryRegistered.fixedFileIos() > 0) {
            args.add("--registerfiles");
        }
        if (engine.isAsynchronous()) {
            args.add("--iodepth=" + (long) config.ioDepth() * row.batchSize());
            args.add("--iodepth_batch_submit=" + row.batchSize());
        }
        args.add("--numjobs=" + config.threads());
        args.add("--thread");
        args.add("--group_reporting");
        args.add("--invalidate=" + (config.invalidate() ? 1 : 0));
        long rampMs = config.warmupNs() / 1_000_000;
        long timeoutMs;
        if (config.numberIos() > 0) {
            args.add("--number_ios=" + config.numberIos());
            timeoutMs = NUMBER_IOS_TIMEOUT_MS;
        } else {
            long runtimeMs = Math.max(1, config.runtimeNs() / 1_000_000);
            args.add("--time_based");
            args.add("--runtime=" + runtimeMs + "ms");
            timeoutMs = runtimeMs + MARGIN_MS;
        }
        if (rampMs > 0) {
            args.add("--ramp_time=" + rampMs + "ms");
        }
        args.add("--output-format=terse");
        args.add("--terse-version=3");
        return new FioJob(args, row.op(), timeoutMs + rampMs);
    }

    /** The command line as a shell would read it, for reports. */
    public String commandLine(String executable) {
        StringBuilder line = new StringBuilder(executable);
        for (String argument : arguments) {
            line.append(' ').append(argument.matches("[\\w@%+=:,./-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
