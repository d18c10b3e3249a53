package io.ferry.bench;

import io.ferry.spi.RegisteredIo;

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
        RegisteredIo registered = r.registered();
        for (long count : registered == null ? new long[0] : new long[] {registered.fixedBufferIos(),
                registered.plainBufferIos(), registered.fixedFileIos(), registered.plainFileIos()}) {
            cells.add(Long.toString(count));
        }
        while (cells.size() < TableReporter.COLUMNS.size()) {
            cells.add("-");
        }
        for (String tool : tools) {
            cells.add(format("%.0f", row.reference(tool).map(ReferenceResult::iops).orElse(Double.NaN)));
            cells.add(format("%.3f", row.ratio(tool)));
            addPercentiles(cells, row.reference(tool).map(ReferenceResult::lat).orElse(LatencyPercentiles.NONE));
            cells.add(format("%.3f", row.reference(tool).map(ReferenceResult::cpuSecondsPerGB).orElse(Double.NaN)));
        }
        return cells;
    }

    /**
     * Why some of the row's I/Os did not use a registered buffer or file, as
     * {@code fell back: 12 I/Os on memory not registered (or bounced), 3 refused by the ring (ENOMEM)},
     * or empty when none fell back or the engine registers nothing.
     */
    static String fallback(BenchResult result) {
        RegisteredIo r = result.registered();
        if (r == null) {
            return "";
        }
        List<String> reasons = new ArrayList<>();
        if (r.unregisteredMemoryIos() > 0) {
            reasons.add(r.unregisteredMemoryIos() + " I/Os on memory not registered (or bounced)");
        }
        if (r.refusedBufferIos() > 0) {
            reasons.add(r.refusedBufferIos() + " I/Os on a buffer the ring refused (" + r.bufferRefusal() + ")");
        }
        if (r.cachedInlineIos() > 0) {
            reasons.add(r.cachedInlineIos() + " reads served from the page cache without the ring");
        }
        if (r.plainFileIos() > 0) {
            reasons.add(r.plainFileIos() + " I/Os on a file not in the ring's table");
        }
        return reasons.isEmpty() ? "" : "fell back: " + String.join(", ", reasons);
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
