package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchListener;
import io.ferry.bench.BenchOp;
import io.ferry.bench.BenchRow;
import io.ferry.bench.BenchRunner;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.RunInfo;
import io.ferry.bench.fio.FioEngine;
import io.ferry.bench.fio.FioTool;
import io.ferry.bench.TableReporter;
import io.ferry.file.FileSettings;
import io.ferry.settings.Settings;
import io.ferry.settings.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ferry bench}: sequential reads and writes over a block-size sweep, printed as the
 * nixlbench table. Option names follow fio where the concept is the same, nixlbench otherwise.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a backend over a sweep of operations, batch sizes and block sizes.",
                "Without --filename, a temporary file on the local disk is created and deleted afterwards."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--filename", paramLabel = "PATH", description = "File to use (default: a temporary file).")
    Path filename;

    @Option(names = "--rw", paramLabel = "OPS", split = ",", defaultValue = "write,read",
            description = "Operations, in order, as fio names them: read, write, randread, randwrite "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> operations;

    @Option(names = "--bs", paramLabel = "SIZES", defaultValue = "4k,16k,64k,256k,1m",
            description = "Block sizes: a list (4k,64k,1m) or a range START-END stepped by --bs-multiplier "
                    + "(default: ${DEFAULT-VALUE}).")
    String blockSizes;

    @Option(names = "--bs-multiplier", paramLabel = "N", defaultValue = "2",
            description = "Step of a --bs range (default: ${DEFAULT-VALUE}).")
    int blockSizeMultiplier;

    @Option(names = "--batch-size", paramLabel = "N", split = ",", defaultValue = "1",
            description = "Descriptors per transfer, one row each: 1,4,16 (nixlbench's batch size; default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--iodepth", paramLabel = "N", defaultValue = "1",
            description = "Transfers kept in flight (default: ${DEFAULT-VALUE}).")
    int ioDepth;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Poll groups (threads) driving the backend, each with one shard; 1 drives it on the "
                    + "benchmark thread (nixlbench's num_threads; default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--ioengine", paramLabel = "NAME",
            description = "File engine (default: FERRY_FILE_ENGINE or psync; see 'ferry engines').")
    String engine;

    @Option(names = "--direct", paramLabel = "0|1", arity = "0..1", fallbackValue = "1", defaultValue = "0",
            description = "1 to bypass the page cache with O_DIRECT (default: ${DEFAULT-VALUE}).")
    String direct;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256m", converter = SizeConverter.class,
            description = "File size (default: ${DEFAULT-VALUE}).")
    long sizeBytes;

    @Option(names = "--runtime", paramLabel = "TIME", defaultValue = "2",
            description = "Measured time per row; seconds, or with a unit: 500ms, 10s (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = {"--ramp_time", "--warmup"}, paramLabel = "TIME", defaultValue = "500ms",
            description = "Warm-up per row, not measured (fio's ramp_time; default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--number_ios", paramLabel = "N", defaultValue = "0",
            description = "Measure this many I/Os (blocks) per row instead of --runtime (fio's number_ios).")
    long numberIos;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "file",
            description = "Backend to measure (default: ${DEFAULT-VALUE}; more come with the remote and NVMe/TCP backends).")
    String backend;

    @Option(names = "--verify", description = "Check the bytes read or written against the expected pattern "
            + "after each row, outside the timed path.")
    boolean verify;

    @Option(names = "--compare", paramLabel = "TOOL", split = ",",
            description = "Also run this tool with the equivalent job on the same file after each row, and print "
                    + "ferry/tool: fio (see docs/design/fio-mapping.md).")
    List<String> compare = List.of();

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the report as JSON: run information and one object per row.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write the report as CSV, with the run information as # comment lines.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write an HTML report with charts, and the charts as PNG files beside it.")
    Path html;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        BenchConfig config = config();
        List<ReferenceTool> tools = compare.stream().map(name -> referenceTool(name, config)).toList();
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true);
        out.printf("ferry bench: %s backend, %s, %s, engine %s, iodepth %d, threads %d, direct %s, %s per row%n",
                config.backend(), config.filename() == null ? "temporary file" : config.filename(),
                Sizes.format(config.fileSizeBytes()), config.engine(), config.ioDepth(), config.threads(),
                config.direct() ? 1 : 0, config.numberIos() > 0 ? config.numberIos() + " I/Os" : runtime);
        List<String> commandLine = new ArrayList<>(List.of("ferry"));
        commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
        RunInfo runInfo = RunInfo.collect(config, commandLine);
        out.printf("machine: %s, %d cores, Linux %s, %s on %s, Java %s, ferry %s (commit %s)%n", runInfo.cpuModel(),
                runInfo.logicalCores(), runInfo.kernel(), runInfo.fileSystem().type(), runInfo.fileSystem().device(),
                runInfo.javaVersion(), runInfo.ferryVersion(), runInfo.commit());
        List<BenchRow> results;
        try (Progress progress = Progress.steps("bench", 1000, !noProgress)) {
            results = BenchRunner.run(config, new BenchListener() {
                @Override
                public void progress(double fractionDone) {
                    progress.stepTo(Math.round(fractionDone * 1000));
                }
            }, tools);
        }
        new TableReporter(out).report(results);
        out.flush();
        new ReportFiles(json, csv, html).write(runInfo, results, spec.commandLine().getOut());
        out.flush();
        return 0;
    }

    private BenchConfig config() {
        Settings settings = Settings.fromEnvironment();
        String engineName = engine != null ? engine : settings.get(FileSettings.FILE_ENGINE);
        return BenchConfig.builder()
                .filename(filename)
                .fileSizeBytes(sizeBytes)
                .operations(operations.stream().map(BenchOp::ofFioName).toList())
                .blockSizes(BlockSizes.parse(blockSizes, blockSizeMultiplier))
                .batchSizes(batchSizes)
                .ioDepth(ioDepth)
                .threads(threads)
                .numberIos(numberIos)
                .backend(backend)
                .engine(engineName)
                .direct(flag("--direct", direct))
                .runtimeNs(Seconds.parseNs("--runtime", runtime))
                .warmupNs(Seconds.parseNs("--ramp_time", warmup))
                .verify(verify)
                .settings(settings)
                .build();
    }

    /** A reference tool, checked now so that a missing tool or engine is reported before the sweep runs. */
    private static ReferenceTool referenceTool(String name, BenchConfig config) {
        if (!name.trim().equals("fio")) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--compare: unknown tool '" + name + "' (available: fio)");
        }
        FioEngine.of(config.engine());
        return FioTool.probe();
    }

    private static boolean flag(String option, String value) {
        return switch (value.trim().toLowerCase()) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT, option + " takes 0 or 1, got '" + value + "'");
        };
    }
}
