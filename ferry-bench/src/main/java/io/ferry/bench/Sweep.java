package io.ferry.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.function.Function;

/**
 * One sweep over block sizes: what stays the same from row to row along it. Each sweep is one line
 * of a chart and one table of the HTML report.
 *
 * @param op        the operation
 * @param batchSize descriptors per transfer
 * @param ioDepth   transfers kept in flight
 * @param threads   poll groups
 * @param engine    the file engine
 * @param direct    whether the file was opened for direct I/O
 */
record Sweep(BenchOp op, int batchSize, int ioDepth, int threads, String engine, boolean direct) {
    Sweep {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(engine, "engine");
    }

    /** The sweep a result belongs to. */
    static Sweep of(BenchResult result) {
        return new Sweep(result.op(), result.batchSize(), result.ioDepth(), result.threads(), result.engine(),
                result.direct());
    }

    /** The rows of each sweep, sweeps in order of first appearance, rows in the order given. */
    static SequencedMap<Sweep, List<BenchRow>> group(List<BenchRow> rows) {
        SequencedMap<Sweep, List<BenchRow>> groups = new LinkedHashMap<>();
        for (BenchRow row : rows) {
            groups.computeIfAbsent(of(row.ferry()), sweep -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /**
     * A short, distinct name for each sweep: the operation, then each property that differs among
     * {@code sweeps}, as {@code read iodepth=8 engine=io_uring}.
     */
    static Map<Sweep, String> labels(Collection<Sweep> sweeps) {
        Map<Sweep, String> labels = new LinkedHashMap<>();
        for (Sweep sweep : sweeps) {
            StringBuilder label = new StringBuilder(sweep.op().fioName());
            appendIfVaries(label, sweeps, "batch", sweep, Sweep::batchSize);
            appendIfVaries(label, sweeps, "iodepth", sweep, Sweep::ioDepth);
            appendIfVaries(label, sweeps, "threads", sweep, Sweep::threads);
            appendIfVaries(label, sweeps, "engine", sweep, Sweep::engine);
            appendIfVaries(label, sweeps, "direct", sweep, s -> s.direct() ? 1 : 0);
            labels.put(sweep, label.toString());
        }
        return labels;
    }

    /** Every property, as the title of the sweep's table: {@code read batch=1 iodepth=1 threads=1 engine=psync direct=0}. */
    String title() {
        return op.fioName() + " batch=" + batchSize + " iodepth=" + ioDepth + " threads=" + threads + " engine=" + engine
                + " direct=" + (direct ? 1 : 0);
    }

    private static void appendIfVaries(StringBuilder label, Collection<Sweep> sweeps, String name, Sweep sweep,
                                       Function<Sweep, Object> property) {
        if (sweeps.stream().map(property).distinct().count() > 1) {
            label.append(' ').append(name).append('=').append(property.apply(sweep));
        }
    }
}
