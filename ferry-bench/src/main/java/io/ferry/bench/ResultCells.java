package io.ferry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cells of the nixlbench table, for the reports people read (the text table and the HTML
 * page): {@link TableReporter#COLUMNS}, bandwidth with six decimals, latencies with one, IOPS with
 * none, CPU seconds per GB with three; then for each reference tool its IOPS, the ratio Ferry/tool
 * (three decimals), its latency percentiles and maximum (one) and its CPU seconds per GB (three). A value that was not measured reads {@code NaN}.
 */
final class ResultCells {
    /** The names of the latency figures, in the order of their columns. */
    private static final List<String> PERCENTILES = List.of("P50", "P90", "P99", "P99.9", "Max");

    private ResultCells() {
    }

    /**
     * The column titles: nixlbench's with Lat's percentiles, IOPS and CPU s/GB, then {@code <tool> IOPS},
     * {@code ferry/<tool>}, {@code <tool> P50 (us)} to {@code <tool> Max (us)} and {@code <tool> CPU s/GB}
     * per tool.
     */
    static List<String> headers(List<String> tools) {
        List<String> headers = new ArrayList<>(TableReporter.COLUMNS);
        for (String tool : tools) {
            headers.add(tool + " IOPS");
            headers.add("ferry/" + tool);
            for (String percentile : PERCENTILES) {
                headers.add(tool + " " + percentile + " (us)");
            }
            headers.add(tool + " CPU s/GB");
        }
        return headers;
    }

    /** The row's cells, one per {@linkplain #headers header}. */
    static List<String> cells(BenchRow row, List<String> tools) {
        BenchResult r = row.ferry();
        List<String> cells = new ArrayList<>(List.of(Long.toString(r.blockSizeBytes()), Integer.toString(r.batchSize()),
                format("%.6f", r.bandwidthGBps()), format("%.1f", r.avgLatUs())));
        addPercentiles(cells, r.lat());
        cells.addAll(List.of(format("%.1f", r.avgPrepUs()),
                format("%.1f", r.p99PrepUs()), format("%.1f", r.avgPostUs()), format("%.1f", r.p99PostUs()),
                format("%.1f", r.avgTxUs()), format("%.1f", r.p99TxUs()), format("%.0f", r.iops()),
                format("%.3f", r.cpuSecondsPerGB())));
        for (String tool : tools) {
            cells.add(format("%.0f", row.reference(tool).map(ReferenceResult::iops).orElse(Double.NaN)));
            cells.add(format("%.3f", row.ratio(tool)));
            addPercentiles(cells, row.reference(tool).map(ReferenceResult::lat).orElse(LatencyPercentiles.NONE));
            cells.add(format("%.3f", row.reference(tool).map(ReferenceResult::cpuSecondsPerGB).orElse(Double.NaN)));
        }
        return cells;
    }

    private static void addPercentiles(List<String> cells, LatencyPercentiles lat) {
        for (double us : List.of(lat.p50Us(), lat.p90Us(), lat.p99Us(), lat.p999Us(), lat.maxUs())) {
            cells.add(format("%.1f", us));
        }
    }

    private static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
