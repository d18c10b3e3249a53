package io.ferry.bench;

/**
 * Follows a run, for example to draw a progress bar. Every method is called on the thread that
 * runs the benchmark and should return quickly: {@link #progress} is called from between the
 * polls of a measured phase (about every 100 ms), so time
 * spent there delays the completions being timed. All methods do nothing by default.
 */
public interface BenchListener {
    /** Row {@code rowIndex} (from 0) of {@code rowCount} starts: its file is prepared, then it runs. */
    default void rowStarted(RowSpec row, int rowIndex, int rowCount) {
    }

    /** The fraction of the whole sweep done, from 0 to 1, estimated from the planned time of each row. */
    default void progress(double fractionDone) {
    }

    /** A row has finished, with Ferry's result and the reference tools' results. */
    default void rowFinished(BenchRow row) {
    }

    /** A listener that ignores everything. */
    BenchListener NO_OP = new BenchListener() {
    };
}
