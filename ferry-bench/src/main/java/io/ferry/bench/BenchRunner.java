package io.ferry.bench;

import io.ferry.TransferOp;
import io.ferry.file.FileEngines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a benchmark sweep: for each operation of the config, in order, one row per block size.
 * Before each row the file is laid out as the row needs (see the config's {@code verify}); the row
 * then prepares its transfers, warms up, and measures. Everything runs on the calling thread,
 * which drives Ferry's progress itself; the call returns when the sweep is over.
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    /**
     * Runs the sweep and returns one result per row, operations outer, block sizes inner.
     *
     * @throws io.ferry.FerryException when the engine is unknown or unsupported here, when the
     *         file cannot be created, opened or written, when a transfer fails (with its status's
     *         exception), or when verification finds a byte that differs from what was written
     */
    public static List<BenchResult> run(BenchConfig config, BenchListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        FileEngines.builtins().require(config.engine());
        int rowCount = config.operations().size() * config.blockSizes().size();
        SweepProgress progress = new SweepProgress(listener, rowCount, config.warmupNs() + config.runtimeNs());
        List<BenchResult> results = new ArrayList<>(rowCount);
        try (BenchFile file = BenchFile.open(config)) {
            for (TransferOp op : config.operations()) {
                for (long blockSizeBytes : config.blockSizes()) {
                    int row = results.size();
                    listener.rowStarted(op, blockSizeBytes, row, rowCount);
                    progress.rowStarted(row);
                    file.prepareFor(op, config.verify());
                    BenchResult result = new RowBench(config, file.path(), op, blockSizeBytes, progress).run();
                    results.add(result);
                    progress.rowFinished();
                    listener.rowFinished(result);
                }
            }
        }
        return List.copyOf(results);
    }
}
