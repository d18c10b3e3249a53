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
 * When reference tools ran, each adds two columns: its IOPS and the ratio ferry/tool.
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
    public void report(List<BenchRow> rows) {
        List<String> tools = rows.stream().flatMap(r -> r.references().stream()).map(ReferenceResult::tool)
                .distinct().toList();
        BenchResult previous = null;
        for (BenchRow row : rows) {
            BenchResult result = row.ferry();
            if (previous == null || !sameGroup(previous, result)) {
                if (previous != null) {
                    out.println();
                }
                printGroupHeader(result, tools);
            }
            StringBuilder line = new StringBuilder(format(ROW_FORMAT, result.blockSizeBytes(), result.batchSize(),
                    result.bandwidthGBps(), result.avgLatUs(), result.avgPrepUs(), result.p99PrepUs(),
                    result.avgPostUs(), result.p99PostUs(), result.avgTxUs(), result.p99TxUs(), result.iops()));
            for (String tool : tools) {
                double toolIops = row.reference(tool).map(ReferenceResult::iops).orElse(Double.NaN);
                line.append(" ".repeat(Math.max(1, FIRST_WIDTH + WIDTH * (COLUMNS.size() - 1) - line.length())));
                line.append(format("%-15.0f%.3f", toolIops, row.ratio(tool)));
            }
            out.println(line.toString().stripTrailing());
            previous = result;
        }
        out.flush();
    }

    private void printGroupHeader(BenchResult first, List<String> tools) {
        out.println(first.op().fioName() + "  engine=" + first.engine() + "  iodepth=" + first.ioDepth()
                + "  threads=" + first.threads() + "  direct=" + first.direct());
        StringBuilder header = new StringBuilder(format(HEADER_FORMAT, COLUMNS.toArray()));
        for (String tool : tools) {
            header.append(" ".repeat(Math.max(1, FIRST_WIDTH + WIDTH * (COLUMNS.size() - 1) - header.length())));
            header.append(format("%-15s%s", tool + " IOPS", "ferry/" + tool));
        }
        String separator = "-".repeat(Math.max(SEPARATOR.length(), header.length()));
        out.println(separator);
        out.println(header);
        out.println(separator);
    }

    private static boolean sameGroup(BenchResult a, BenchResult b) {
        return a.op() == b.op() && a.engine().equals(b.engine()) && a.ioDepth() == b.ioDepth()
                && a.threads() == b.threads() && a.direct() == b.direct();
    }

    private static String format(String format, Object... values) {
        return String.format(Locale.ROOT, format, values).stripTrailing();
    }
}
