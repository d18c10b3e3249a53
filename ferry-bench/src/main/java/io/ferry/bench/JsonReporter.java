package io.ferry.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The results as a JSON array, one object per row on a line of its own, with snake_case keys:
 * {@code op, engine, direct, block_size, batch_size, iodepth, threads, bytes, seconds, transfers, iops,
 * bandwidth_gbps, avg_lat_us, avg_prep_us, p99_prep_us, avg_post_us, p99_post_us, avg_tx_us,
 * p99_tx_us}. Sizes are in bytes, bandwidth in decimal GB per second. A number that is not finite
 * is written as {@code null}. Each reference tool that ran adds {@code <tool>_command, <tool>_iops,
 * <tool>_bandwidth_gbps, <tool>_avg_lat_us, <tool>_p99_lat_us} and {@code ratio_<tool>} (ferry over tool).
 */
public final class JsonReporter implements BenchReporter {
    private final PrintStream out;

    /** Prints to {@code out}, which this reporter does not close. */
    public JsonReporter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void report(List<BenchRow> rows) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "\n  " : ",\n  ");
            appendObject(json, rows.get(i));
        }
        json.append(rows.isEmpty() ? "]" : "\n]");
        out.println(json);
        out.flush();
    }

    private static void appendObject(StringBuilder json, BenchRow row) {
        BenchResult r = row.ferry();
        json.append('{');
        field(json, "op", quoted(r.op().fioName()));
        field(json, "engine", quoted(r.engine()));
        field(json, "direct", Boolean.toString(r.direct()));
        field(json, "block_size", Long.toString(r.blockSizeBytes()));
        field(json, "batch_size", Integer.toString(r.batchSize()));
        field(json, "iodepth", Integer.toString(r.ioDepth()));
        field(json, "threads", Integer.toString(r.threads()));
        field(json, "bytes", Long.toString(r.bytes()));
        field(json, "seconds", number(r.seconds()));
        field(json, "transfers", Long.toString(r.transfers()));
        field(json, "iops", number(r.iops()));
        field(json, "bandwidth_gbps", number(r.bandwidthGBps()));
        field(json, "avg_lat_us", number(r.avgLatUs()));
        field(json, "avg_prep_us", number(r.avgPrepUs()));
        field(json, "p99_prep_us", number(r.p99PrepUs()));
        field(json, "avg_post_us", number(r.avgPostUs()));
        field(json, "p99_post_us", number(r.p99PostUs()));
        field(json, "avg_tx_us", number(r.avgTxUs()));
        field(json, "p99_tx_us", number(r.p99TxUs()));
        for (ReferenceResult reference : row.references()) {
            String tool = reference.tool();
            field(json, tool + "_command", quoted(reference.command()));
            field(json, tool + "_iops", number(reference.iops()));
            field(json, tool + "_bandwidth_gbps", number(reference.bandwidthGBps()));
            field(json, tool + "_avg_lat_us", number(reference.avgLatUs()));
            field(json, tool + "_p99_lat_us", number(reference.p99LatUs()));
            field(json, "ratio_" + tool, number(row.ratio(tool)));
        }
        json.append('}');
    }

    private static void field(StringBuilder json, String key, String value) {
        if (json.charAt(json.length() - 1) != '{') {
            json.append(", ");
        }
        json.append(quoted(key)).append(": ").append(value);
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quoted(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
