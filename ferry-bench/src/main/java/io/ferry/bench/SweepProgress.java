package io.ferry.bench;

/**
 * Turns the position in the sweep into the fraction a {@link BenchListener} sees: finished rows
 * plus the share of the current row's planned time (warm-up and runtime) that has passed, capped
 * at the row. Reports at most every {@value #REPORT_INTERVAL_MS} ms from {@link #tick}.
 */
final class SweepProgress {
    /** The shortest time between two reports from inside a row. */
    static final long REPORT_INTERVAL_MS = 100;

    private static final long REPORT_INTERVAL_NS = REPORT_INTERVAL_MS * 1_000_000L;

    private final BenchListener listener;
    private final int rowCount;
    private final long plannedRowNs;
    private int rowIndex;
    private long rowStartNs;
    private long lastReportNs;

    SweepProgress(BenchListener listener, int rowCount, long plannedRowNs) {
        this.listener = listener;
        this.rowCount = rowCount;
        this.plannedRowNs = plannedRowNs;
    }

    /** Row {@code index} starts now. */
    void rowStarted(int index) {
        rowIndex = index;
        rowStartNs = System.nanoTime();
        lastReportNs = rowStartNs;
        listener.progress((double) index / rowCount);
    }

    /** Reports the fraction done if the interval has passed since the last report. */
    void tick(long nowNs) {
        if (nowNs - lastReportNs >= REPORT_INTERVAL_NS) {
            lastReportNs = nowNs;
            double rowShare = Math.min(1.0, (double) (nowNs - rowStartNs) / plannedRowNs);
            listener.progress((rowIndex + rowShare) / rowCount);
        }
    }

    /** The current row is done. */
    void rowFinished() {
        listener.progress((double) (rowIndex + 1) / rowCount);
    }
}
