package io.ferry.cli;

import io.ferry.bench.BenchListener;
import io.ferry.bench.BenchRow;
import io.ferry.bench.RowSpec;
import io.ferry.bench.RunInfo;
import io.ferry.bench.TableReporter;
import io.ferry.settings.Sizes;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a {@code ferry bench} run row by row: a progress bar named after the running row, each
 * row printed in the table as soon as it is measured, and the rows kept for the reports. When the
 * process is stopped by a signal (Ctrl-C, SIGTERM) before the run ends, a shutdown hook writes the
 * reports with the rows measured so far and says so on stderr; the JVM then exits with 130 or 143.
 * Closing (after the run) removes the hook.
 */
final class BenchRows implements BenchListener, AutoCloseable {
    private final TableReporter table;
    private final List<String> tools;
    private final ReportFiles reports;
    private final RunInfo runInfo;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progressWanted;
    private final List<BenchRow> rows = new ArrayList<>();
    private final Thread hook = new Thread(this::interrupted, "ferry-bench-interrupted");
    private Progress progress;
    private int rowIndex;
    private int rowCount;

    BenchRows(PrintStream table, List<String> tools, ReportFiles reports, RunInfo runInfo, PrintWriter out,
              PrintWriter err, boolean progressWanted) {
        this.table = new TableReporter(table);
        this.tools = List.copyOf(tools);
        this.reports = reports;
        this.runInfo = runInfo;
        this.out = out;
        this.err = err;
        this.progressWanted = progressWanted;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The progress bar's name for a row: {@code bench 3/10 randread 64k batch 1}. */
    static String label(RowSpec row, int rowIndex, int rowCount) {
        return "bench " + (rowIndex + 1) + "/" + rowCount + " " + row.op().fioName() + " "
                + Sizes.format(row.blockSizeBytes()) + " batch " + row.batchSize();
    }

    @Override
    public void rowStarted(RowSpec row, int rowIndex, int rowCount) {
        this.rowIndex = rowIndex;
        this.rowCount = rowCount;
        progress = Progress.steps(label(row, rowIndex, rowCount), 1000, progressWanted);
    }

    @Override
    public void progress(double fractionDone) {
        if (progress != null) {
            progress.stepTo(Math.round(Math.clamp(fractionDone * rowCount - rowIndex, 0, 1) * 1000));
        }
    }

    @Override
    public void rowFinished(BenchRow row) {
        endProgress();
        synchronized (rows) {
            rows.add(row);
        }
        table.print(row, tools);
    }

    /** The rows measured so far, in order. */
    List<BenchRow> rows() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    private void endProgress() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }

    private void interrupted() {
        List<BenchRow> measured = rows();
        err.println("ferry: interrupted after " + measured.size() + " of " + rowCount + " rows"
                + (reports.any() ? "; the reports hold the rows measured" : ""));
        err.flush();
        reports.write(runInfo, measured, out);
        out.flush();
    }

    /**
     * Removes the hook. When a signal already started the shutdown, the hook writes the reports and
     * the JVM exits: this thread waits for that instead of going on.
     */
    @Override
    public void close() {
        endProgress();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            while (true) {
                LockSupport.park(this);
            }
        }
    }
}
