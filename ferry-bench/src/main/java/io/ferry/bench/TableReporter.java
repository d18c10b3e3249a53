package io.ferry.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The nixlbench table: for each group of consecutive rows with the same operation, engine,
 * iodepth and direct flag, a title line, a dashed separator, the column header, another
 * separator, and one line per row. Columns are left-aligned, 20 characters for the block size and
 * 15 for the others, as nixlbench prints them; bandwidth has six decimals, latencies one, and
 * {@code IOPS}, added after nixlbench's columns, none. Groups are separated by a blank line.
 */
public final class TableReporter implements BenchReporter {
    /** The column titles, in order. */
    public static final List<String> COLUMNS = List.of("Block Size (B)", "Batch Size", "B/W (GB/Sec)",
            "Avg Lat. (us)", "Avg Prep (us)", "P99 Prep (us)", "Avg Post (us)", "P99 Post (us)",
            "Avg Tx (us)", "P99 Tx (us)", "IOPS");

    private static final int FIRST_WIDTH = 20;
    private static final int WIDTH = 15;
    private static final String SEPARATOR = "-".repeat(FIRST_WIDTH + WIDTH * (COLUMNS.size() - 1));
    private static final String HEADER_FORMAT = "%-20s" + "%-15s".repeat(COLUMNS.size() - 2) + "%s";
    private static final String ROW_FORMAT = "%-20d%-15d%-15.6f" + "%-15.1f".repeat(7) + "%.0f";

    private final PrintStream out;

    /** Prints to {@code out}, which this reporter does not close. */
    public TableReporter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void report(List<BenchResult> results) {
        BenchResult previous = null;
        for (BenchResult result : results) {
            if (previous == null || !sameGroup(previous, result)) {
                if (previous != null) {
                    out.println();
                }
                printGroupHeader(result);
            }
            out.println(format(ROW_FORMAT, result.blockSizeBytes(), result.batchSize(), result.bandwidthGBps(),
                    result.avgLatUs(), result.avgPrepUs(), result.p99PrepUs(), result.avgPostUs(),
                    result.p99PostUs(), result.avgTxUs(), result.p99TxUs(), result.iops()));
            previous = result;
        }
        out.flush();
    }

    private void printGroupHeader(BenchResult first) {
        out.println(first.op() + "  engine=" + first.engine() + "  iodepth=" + first.ioDepth()
                + "  direct=" + first.direct());
        out.println(SEPARATOR);
        out.println(format(HEADER_FORMAT, COLUMNS.toArray()));
        out.println(SEPARATOR);
    }

    private static boolean sameGroup(BenchResult a, BenchResult b) {
        return a.op() == b.op() && a.engine().equals(b.engine()) && a.ioDepth() == b.ioDepth()
                && a.direct() == b.direct();
    }

    private static String format(String format, Object... values) {
        return String.format(Locale.ROOT, format, values).stripTrailing();
    }
}
