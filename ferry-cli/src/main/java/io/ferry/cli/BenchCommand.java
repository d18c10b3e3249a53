package io.ferry.cli;

import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchConfigBuilder;
import io.ferry.bench.BenchOp;
import io.ferry.bench.BenchRow;
import io.ferry.bench.BenchRunner;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.RunInfo;
import io.ferry.bench.SecretFreeUrl;
import io.ferry.file.FileSettings;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.settings.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ferry bench}: reads and writes over a block-size sweep of a file, or reads of a remote
 * object, printed as the nixlbench table. Option names follow fio where the concept is the same,
 * nixlbench otherwise.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a backend over a sweep of operations, batch sizes and block sizes.",
                "Without --filename, a temporary file on the local disk is created and deleted afterwards.",
                "With --backend remote, --filename is the URL of an object, which is only read.",
                "With --backend nvme, --filename is a namespace, nvme+tcp://HOST:PORT/SUBNQN/NSID; writes need --allow-overwrite."})
final class BenchCommand implements Callable<Integer> {
    /** The options that only the file backend understands. */
    private static final List<String> FILE_OPTIONS = List.of("--ioengine", "--direct", "--invalidate");
    /** The options that only the remote backend understands. */
    private static final List<String> REMOTE_OPTIONS = List.of("--remote-engine", "--connections", "--task-size");

    @Spec
    CommandSpec spec;

    @Option(names = "--filename", paramLabel = "PATH|URL",
            description = "File to use (default: a temporary file); with --backend remote, the object's URL: "
                    + "http://, https:// or s3://; with --backend nvme, the namespace's address.")
    String filename;

    @Option(names = "--rw", paramLabel = "OPS", split = ",", defaultValue = "write,read",
            description = "Operations, in order, as fio names them: read, write, randread, randwrite, and rw, randrw "
                    + "(reads and writes mixed as --rwmixread says; default: ${DEFAULT-VALUE}).")
    List<String> operations;

    @Option(names = "--rwmixread", paramLabel = "PERCENT", defaultValue = "50",
            description = "Share of the transfers of an rw or randrw row that read, 0 to 100; the others write "
                    + "(fio's rwmixread; default: ${DEFAULT-VALUE}).")
    int rwMixRead;

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

    @Option(names = "--invalidate", paramLabel = "0|1", defaultValue = "1",
            description = "1 to drop the file from the page cache before each read row, as fio's invalidate=1, so "
                    + "that reads measure the device; 0 to read what the cache holds (default: ${DEFAULT-VALUE}).")
    String invalidate;

    @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Bytes of the file, or of the start of the object, that rows cover (default: 256m; "
                    + "remote: the whole object).")
    Long sizeBytes;

    @Option(names = "--runtime", paramLabel = "TIME", defaultValue = "2",
            description = "Measured time per row; seconds, or with a unit: 500ms, 10s (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = {"--ramp_time", "--warmup"}, paramLabel = "TIME", defaultValue = "500ms",
            description = "Warm-up per row, not measured (fio's ramp_time; default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = {"--number_ios", "--number-ios"}, paramLabel = "N", defaultValue = "0",
            description = "Measure this many I/Os (blocks) per row instead of --runtime (fio's number_ios).")
    long numberIos;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "file",
            description = "Backend to measure: file, remote (reads of --filename URL) or nvme (the namespace --filename "
                    + "names; default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--remote-engine", paramLabel = "NAME",
            description = "Remote engine: multiplexed or blocking (default: FERRY_REMOTE_ENGINE or multiplexed).")
    String remoteEngine;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--verify", description = "Check the bytes read or written against the expected pattern "
            + "after each row, outside the timed path (a remote object, or an existing file without --allow-overwrite, "
            + "must hold the pattern, as a file that ferry bench --verify wrote does; one that does not is refused).")
    boolean verify;

    @Option(names = "--allow-overwrite", description = "Let write rows, --verify and a --size beyond the end write "
            + "to --filename when it names an existing file or a block device; without it the benchmark only reads "
            + "what exists (a new file, and the default temporary file, are the benchmark's own).")
    boolean allowOverwrite;

    @Option(names = "--compare", paramLabel = "TOOL", split = ",",
            description = "Also run this tool with the equivalent job on the same file or object after each row, and "
                    + "print ferry/tool: fio (file backend; see docs/design/fio-mapping.md) or curl (remote backend: "
                    + "--connections parallel curl processes read the bytes Ferry read).")
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
        BenchConfig requested = config();
        ReportFiles reports = new ReportFiles(json, csv, html);
        reports.check();
        // Tools first: refusing a comparison needs no request to the server.
        List<ReferenceTool> tools = compare.stream().map(name -> ReferenceTools.of(spec, name, requested)).toList();
        BenchConfig config = BenchRunner.resolve(requested);
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true);
        out.printf("ferry bench: %s backend, %s, %s, %s, iodepth %d, threads %d, %s per row%n",
                config.backend(), target(config), Sizes.format(config.fileSizeBytes()), engineText(config),
                config.ioDepth(), config.threads(), config.numberIos() > 0 ? config.numberIos() + " I/Os" : runtime);
        List<String> commandLine = new ArrayList<>(List.of("ferry"));
        for (String argument : spec.commandLine().getParseResult().originalArgs()) {
            commandLine.add(SecretFreeUrl.redact(argument, config.location()));
        }
        RunInfo runInfo = RunInfo.collect(config, commandLine);
        String fileSystem = config.isRemote() || config.isNvme() ? "" : ", " + runInfo.fileSystem().type() + " on " + runInfo.fileSystem().device();
        out.printf("machine: %s, %d cores, Linux %s%s, Java %s, ferry %s (commit %s)%n", runInfo.cpuModel(),
                runInfo.logicalCores(), runInfo.kernel(), fileSystem, runInfo.javaVersion(), runInfo.ferryVersion(),
                runInfo.commit());
        List<BenchRow> results;
        List<String> toolNames = tools.stream().map(ReferenceTool::name).toList();
        try (BenchRows rows = new BenchRows(out, toolNames, reports, runInfo, spec.commandLine().getOut(),
                spec.commandLine().getErr(), !noProgress)) {
            BenchRunner.run(config, rows, tools);
            results = rows.rows();
        }
        reports.write(runInfo, results, spec.commandLine().getOut());
        out.flush();
        return 0;
    }

    private static String target(BenchConfig config) {
        if (config.isNvme()) {
            return config.location();
        }
        if (config.isRemote()) {
            return SecretFreeUrl.of(config.location());
        }
        return config.filename() == null ? "temporary file" : config.filename().toString();
    }

    private static String engineText(BenchConfig config) {
        if (config.isRemote()) {
            Settings settings = config.settings();
            return "engine " + config.engine() + ", connections " + settings.get(RemoteSettings.REMOTE_MAX_CONNECTIONS)
                    + ", task size " + Sizes.format(settings.get(RemoteSettings.TASK_SIZE));
        }
        boolean mixed = config.operations().stream().anyMatch(BenchOp::isMixed);
        return "engine " + config.engine() + ", direct " + (config.direct() ? 1 : 0) + ", invalidate "
                + (config.invalidate() ? 1 : 0) + (mixed ? ", rwmixread " + config.rwMixRead() : "");
    }

    /** The configuration the options ask for; a bad value, alone or combined, is a usage error that names its option. */
    private BenchConfig config() {
        boolean remote = backend.trim().equals("remote");
        boolean nvme = backend.trim().equals("nvme");
        refuseOptionsOfTheOtherBackend(remote || nvme ? FILE_OPTIONS : REMOTE_OPTIONS, remote || nvme ? "file" : "remote");
        if (nvme) {
            refuseOptionsOfTheOtherBackend(REMOTE_OPTIONS, "remote");
        }
        BenchConfigBuilder builder = Usage.option(spec, "--backend", () -> BenchConfig.builder().backend(backend));
        Settings.Builder settings = Settings.fromEnvironment().toBuilder();
        if (nvme) {
            if (filename == null) {
                throw Usage.error(spec, "--backend nvme needs the namespace's address: --filename nvme+tcp://HOST:PORT/SUBNQN/NSID");
            }
            builder.location(Usage.nonEmpty(spec, "--filename", filename));
        } else if (remote) {
            if (filename == null) {
                throw Usage.error(spec, "--backend remote needs the object's URL: --filename URL");
            }
            builder.location(Usage.location(spec, filename));
            if (remoteEngine != null) {
                settings.set(RemoteSettings.REMOTE_ENGINE, Usage.option(spec, "--remote-engine",
                        () -> RemoteSettings.REMOTE_ENGINE.validate(remoteEngine.trim(), "--remote-engine")));
            }
            connection.applyTo(spec, settings);
        } else {
            builder.filename(filename == null ? null : ArgumentPath.of(Usage.nonEmpty(spec, "--filename", filename)));
            if (engine != null) {
                Usage.option(spec, "--ioengine", () -> builder.engine(engine));
            } else {
                Usage.option(spec, FileSettings.FILE_ENGINE.environmentVariable(),
                        () -> builder.engine(settings.build().get(FileSettings.FILE_ENGINE)));
            }
            builder.direct(flag("--direct", direct)).invalidate(flag("--invalidate", invalidate));
        }
        if (sizeBytes != null) {
            Usage.option(spec, "--size", () -> builder.fileSizeBytes(sizeBytes));
        }
        Usage.option(spec, "--rw", () -> builder.operations(operations.stream().map(BenchOp::ofFioName).toList()));
        Usage.option(spec, "--bs", () -> builder.blockSizes(BlockSizes.parse(blockSizes, blockSizeMultiplier)));
        Usage.option(spec, "--batch-size", () -> builder.batchSizes(batchSizes));
        Usage.option(spec, "--iodepth", () -> builder.ioDepth(ioDepth));
        Usage.option(spec, "--rwmixread", () -> builder.rwMixRead(rwMixRead));
        Usage.option(spec, "--threads", () -> builder.threads(threads));
        Usage.option(spec, "--number_ios", () -> builder.numberIos(numberIos));
        Usage.option(spec, "--runtime", () -> builder.runtimeNs(Seconds.parseNs("--runtime", runtime)));
        Usage.option(spec, "--ramp_time", () -> builder.warmupNs(Seconds.parseNs("--ramp_time", warmup)));
        BenchConfigBuilder complete = builder.verify(verify).allowOverwrite(allowOverwrite).settings(settings.build());
        try {
            return complete.build();
        } catch (FerryException e) {
            throw Usage.error(spec, e.getMessage());
        }
    }

    /** A usage error for any of {@code options} that was given, naming the backend it belongs to. */
    private void refuseOptionsOfTheOtherBackend(List<String> options, String otherBackend) {
        ParseResult given = spec.commandLine().getParseResult();
        for (String option : options) {
            if (given.hasMatchedOption(option)) {
                throw Usage.error(spec, option + " applies to the " + otherBackend
                        + " backend only; leave it out with --backend " + backend.trim());
            }
        }
    }

    private boolean flag(String option, String value) {
        return switch (value.trim().toLowerCase()) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw Usage.error(spec, option + " takes 0 or 1, got '" + value + "'");
        };
    }
}
