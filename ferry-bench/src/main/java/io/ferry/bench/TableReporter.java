package io.ferry.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The nixlbench table: for each group of consecutive rows with the same operation, engine,
 * iodepth and direct flag, a title line, a dashed separator, the column header, another
 * separator, and one line per row. Columns are left-aligned, 20 characters for the block size and
 * 15 for the others, as nixlbench prints them; after nixlbench's mean latency come its 50th, 90th,
 * 99th and 99.9th percentiles and maximum, as fio prints them. Bandwidth has six decimals, latencies one,
 * {@code IOPS}, added after nixlbench's columns, none, and {@code CPU s/GB} (CPU seconds of the
 * whole process per decimal GB moved) three. Groups are separated by a blank line.
 * When reference tools ran, each adds its IOPS, the ratio ferry/tool, its latency percentiles and
 * maximum, and its CPU s/GB. On io_uring, the I/Os on registered (fixed) buffers and files and those
 * that fell back are counted ({@code -} for other engines), and a row with fallbacks is followed by
 * a line that says why.
 *
 * <p>Rows can also be printed one at a time, as they are measured ({@link #print}), so that an
 * interrupted run keeps every row it finished on the screen.
 */
public final class TableReporter implements BenchReporter {
    /** The column titles, in order. */
    public static final List<String> COLUMNS = List.of("Block Size (B)", "Batch Size", "B/W (GB/Sec)",
            "Avg Lat. (us)", "P50 Lat (us)", "P90 Lat (us)", "P99 Lat (us)", "P99.9 Lat (us)",
            "Max Lat (us)", "Avg Prep (us)", "P99 Prep (us)", "Avg Post (us)", "P99 Post (us)",
            "Avg Tx (us)", "P99 Tx (us)", "IOPS", "CPU s/GB", "Fixed Bufs", "Plain Bufs", "Fixed Files", "Plain Files");

    private static final int FIRST_WIDTH = 20;
    private static final int WIDTH = 15;
    /** Where the columns of the reference tools start. */
    private static final int TOOLS_COLUMN = FIRST_WIDTH + WIDTH * (COLUMNS.size() - 1);

    private final PrintStream out;
    private BenchResult previous;

    /** Prints to {@code out}, which this reporter does not close. */
    public TableReporter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void report(List<BenchRow> rows) {
        List<String> tools = ReportColumns.tools(rows);
        for (BenchRow row : rows) {
            print(row, tools);
        }
    }

    /**
     * Prints one row, after the title and header of its group when it starts a new one, and flushes.
     * {@code tools} are the reference tools whose columns the table has (those of the run).
     */
    public void print(BenchRow row, List<String> tools) {
        BenchResult result = row.ferry();
        if (previous == null || !sameGroup(previous, result)) {
            if (previous != null) {
                out.println();
            }
            printGroupHeader(result, tools);
        }
        out.println(line(ResultCells.cells(row, tools)));
        String fallback = ResultCells.fallback(result);
        if (!fallback.isEmpty()) {
            out.println("  " + fallback);
        }
        previous = result;
        out.flush();
    }

    private void printGroupHeader(BenchResult first, List<String> tools) {
        out.println(first.op().fioName() + "  engine=" + first.engine() + "  iodepth=" + first.ioDepth()
                + "  threads=" + first.threads() + "  direct=" + (first.direct() ? 1 : 0));
        String header = line(ResultCells.headers(tools));
        String separator = "-".repeat(Math.max(TOOLS_COLUMN, header.length()));
        out.println(separator);
        out.println(header);
        out.println(separator);
    }

    /** Nixlbench's cells left-aligned in their widths, then each tool's cells from the tools column on. */
    private static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < COLUMNS.size() - 1; i++) {
            line.append(padded(cells.get(i), i == 0 ? FIRST_WIDTH : WIDTH));
        }
        line.append(cells.get(COLUMNS.size() - 1));
        for (int i = COLUMNS.size(); i < cells.size(); i++) {
            line.append(" ".repeat(Math.max(1, TOOLS_COLUMN + WIDTH * (i - COLUMNS.size()) - line.length())));
            line.append(cells.get(i));
        }
        return line.toString().stripTrailing();
    }

    private static String padded(String cell, int width) {
        return cell.length() >= width ? cell : cell + " ".repeat(width - cell.length());
    }

    private static boolean sameGroup(BenchResult a, BenchResult b) {
        return a.op() == b.op() && a.engine().equals(b.engine()) && a.ioDepth() == b.ioDepth()
                && a.threads() == b.threads() && a.direct() == b.direct();
    }
}
