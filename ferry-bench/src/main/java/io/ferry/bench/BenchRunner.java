package io.ferry.bench;

import io.ferry.file.FileEngines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a benchmark sweep: one row per {@link RowSpec} of the config, in order, on a file or a
 * remote object. Before each row a file is laid out as the row needs (see the config's
 * {@code verify}); the row then prepares its transfers, warms up, and measures. The sweep runs on
 * the calling thread, which drives Ferry's progress itself unless the config has several threads
 * (poll groups); the blocking remote engine adds virtual worker threads. The call returns when the
 * sweep is over.
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    /**
     * Runs the sweep and returns one result per row, in the order of {@link BenchConfig#rows()}.
     *
     * @throws io.ferry.FerryException when the engine is unknown or unsupported here, when the
     *         file cannot be created, opened or written, when the object cannot be opened or is
     *         smaller than the size, when a transfer fails (with its status's
     *         exception), or when verification finds a byte that differs from what was written
     */
    public static List<BenchRow> run(BenchConfig config, BenchListener listener) {
        return run(config, listener, List.of());
    }

    /**
     * Runs the sweep, and after Ferry's run of each row, each reference tool's run of the same row
     * on the same file or object, so that the two are measured side by side, interleaved.
     */
    public static List<BenchRow> run(BenchConfig config, BenchListener listener, List<ReferenceTool> tools) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(tools, "tools");
        BenchConfig resolved = resolve(config);
        List<RowSpec> rows = resolved.rows();
        SweepProgress progress = new SweepProgress(listener, rows.size(), resolved.warmupNs() + resolved.runtimeNs());
        List<BenchRow> results = new ArrayList<>(rows.size());
        try (BenchTarget target = BenchTarget.open(resolved)) {
            for (RowSpec row : rows) {
                int index = results.size();
                listener.rowStarted(row, index, rows.size());
                progress.rowStarted(index);
                target.prepareFor(row.op());
                BenchResult ferry = new RowBench(resolved, target, row, progress).run();
                List<ReferenceResult> references = new ArrayList<>(tools.size());
                for (ReferenceTool tool : tools) {
                    references.add(tool.run(resolved, row, target.location(), ferry));
                    target.referenceRan(row.op());
                }
                BenchRow result = new BenchRow(ferry, references);
                results.add(result);
                progress.rowFinished();
                listener.rowFinished(result);
            }
        }
        return List.copyOf(results);
    }

    /**
     * The config with what only its target can tell filled in, and checked against it: for the
     * remote backend, the size becomes the object's when none was given, and a given size must fit
     * in the object (one request to the server); the file engine must work here. {@link #run} does
     * this itself; call it first to report the configuration that will run.
     *
     * @throws io.ferry.FerryException when the engine is unknown or unsupported, or the object
     *         cannot be opened or is smaller than the size
     */
    public static BenchConfig resolve(BenchConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.isRemote()) {
            return RemoteBenchTarget.resolve(config);
        }
        if (config.isNvme()) {
            return NvmeBenchTarget.resolve(config);
        }
        FileEngines.builtins().require(config.engine());
        return config;
    }
}
