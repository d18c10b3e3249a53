package io.ferry.bench;

import io.ferry.TransferOp;
import io.ferry.file.FileEngines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a benchmark sweep: one row per {@link RowSpec} of the config, in order.
 * Before each row the file is laid out as the row needs (see the config's {@code verify}); the row
 * then prepares its transfers, warms up, and measures. Everything runs on the calling thread,
 * which drives Ferry's progress itself; the call returns when the sweep is over.
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    /**
     * Runs the sweep and returns one result per row, in the order of {@link BenchConfig#rows()}.
     *
     * @throws io.ferry.FerryException when the engine is unknown or unsupported here, when the
     *         file cannot be created, opened or written, when a transfer fails (with its status's
     *         exception), or when verification finds a byte that differs from what was written
     */
    public static List<BenchRow> run(BenchConfig config, BenchListener listener) {
        return run(config, listener, List.of());
    }

    /**
     * Runs the sweep, and after Ferry's run of each row, each reference tool's run of the same row
     * on the same file, so that the two are measured side by side, interleaved.
     */
    public static List<BenchRow> run(BenchConfig config, BenchListener listener, List<ReferenceTool> tools) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(tools, "tools");
        FileEngines.builtins().require(config.engine());
        List<RowSpec> rows = config.rows();
        SweepProgress progress = new SweepProgress(listener, rows.size(), config.warmupNs() + config.runtimeNs());
        List<BenchRow> results = new ArrayList<>(rows.size());
        try (BenchFile file = BenchFile.open(config)) {
            for (RowSpec row : rows) {
                int index = results.size();
                listener.rowStarted(row, index, rows.size());
                progress.rowStarted(index);
                file.prepareFor(row.op().direction(), config.verify());
                BenchResult ferry = new RowBench(config, file.path(), row, progress).run();
                List<ReferenceResult> references = new ArrayList<>(tools.size());
                for (ReferenceTool tool : tools) {
                    references.add(tool.run(config, row, file.path()));
                    if (row.op().direction() == TransferOp.WRITE) {
                        file.overwrittenElsewhere();
                    }
                }
                BenchRow result = new BenchRow(ferry, references);
                results.add(result);
                progress.rowFinished();
                listener.rowFinished(result);
            }
        }
        return List.copyOf(results);
    }
}
