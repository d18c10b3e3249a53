package io.ferry.bench;

import io.ferry.spi.RegisteredIo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fields of one result row in the machine-readable reports (JSON and CSV), in order, with
 * snake_case names: {@code op, engine, direct, block_size_bytes, batch_size, iodepth, threads, bytes,
 * seconds, transfers, iops, bandwidth_gb_per_s, avg_lat_us, p50_lat_us, p90_lat_us, p99_lat_us,
 * p99_9_lat_us, max_lat_us, avg_prep_us, p99_prep_us, avg_post_us, p99_post_us, avg_tx_us, p99_tx_us,
 * cpu_seconds_per_gb, fixed_buffer_ios, unregistered_memory_ios, refused_buffer_ios, cached_inline_ios,
 * fixed_file_ios, plain_file_ios, buffer_refusal} (the last seven io_uring only, else null), then for each reference tool {@code <tool>_command, <tool>_iops,
 * <tool>_bandwidth_gb_per_s, <tool>_avg_lat_us, <tool>_p50_lat_us, <tool>_p90_lat_us, <tool>_p99_lat_us,
 * <tool>_p99_9_lat_us, <tool>_max_lat_us, <tool>_cpu_seconds_per_gb, ratio_<tool>} (Ferry's IOPS
 * over the tool's). Each name carries its unit where it has one: sizes in bytes, bandwidth in
 * decimal GB per second, latencies in microseconds, CPU cost in CPU seconds (user and system, every
 * thread of the process) per decimal GB moved; {@code direct} is 0 or 1.
 */
final class ReportColumns {
    /**
     * One field.
     *
     * @param name  the snake_case name
     * @param value the row's value: a {@code String}, {@code Boolean}, {@code Long}, {@code Integer}
     *              or {@code Double} (possibly not finite), or null when the row has none
     */
    record Column(String name, Function<BenchRow, Object> value) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final List<Column> FERRY = List.of(
            ferry("op", r -> r.op().fioName()),
            ferry("engine", BenchResult::engine),
            // 0 or 1, as the config section, fio and --direct write it.
            ferry("direct", r -> r.direct() ? 1 : 0),
            ferry("block_size_bytes", BenchResult::blockSizeBytes),
            ferry("batch_size", BenchResult::batchSize),
            ferry("iodepth", BenchResult::ioDepth),
            ferry("threads", BenchResult::threads),
            ferry("bytes", BenchResult::bytes),
            ferry("seconds", BenchResult::seconds),
            ferry("transfers", BenchResult::transfers),
            ferry("iops", BenchResult::iops),
            ferry("bandwidth_gb_per_s", BenchResult::bandwidthGBps),
            ferry("avg_lat_us", BenchResult::avgLatUs),
            ferry("p50_lat_us", r -> r.lat().p50Us()),
            ferry("p90_lat_us", r -> r.lat().p90Us()),
            ferry("p99_lat_us", r -> r.lat().p99Us()),
            ferry("p99_9_lat_us", r -> r.lat().p999Us()),
            ferry("max_lat_us", r -> r.lat().maxUs()),
            ferry("avg_prep_us", BenchResult::avgPrepUs),
            ferry("p99_prep_us", BenchResult::p99PrepUs),
            ferry("avg_post_us", BenchResult::avgPostUs),
            ferry("p99_post_us", BenchResult::p99PostUs),
            ferry("avg_tx_us", BenchResult::avgTxUs),
            ferry("p99_tx_us", BenchResult::p99TxUs),
            ferry("cpu_seconds_per_gb", BenchResult::cpuSecondsPerGB),
            registered("fixed_buffer_ios", RegisteredIo::fixedBufferIos),
            registered("unregistered_memory_ios", RegisteredIo::unregisteredMemoryIos),
            registered("refused_buffer_ios", RegisteredIo::refusedBufferIos),
            registered("cached_inline_ios", RegisteredIo::cachedInlineIos),
            registered("fixed_file_ios", RegisteredIo::fixedFileIos),
            registered("plain_file_ios", RegisteredIo::plainFileIos),
            registered("buffer_refusal", RegisteredIo::bufferRefusal));

    private ReportColumns() {
    }

    /** Ferry's columns, then each tool's, in the order given. */
    static List<Column> of(List<String> tools) {
        List<Column> columns = new ArrayList<>(FERRY);
        for (String tool : tools) {
            columns.add(reference(tool + "_command", tool, ReferenceResult::command));
            columns.add(reference(tool + "_iops", tool, ReferenceResult::iops));
            columns.add(reference(tool + "_bandwidth_gb_per_s", tool, ReferenceResult::bandwidthGBps));
            columns.add(reference(tool + "_avg_lat_us", tool, ReferenceResult::avgLatUs));
            columns.add(reference(tool + "_p50_lat_us", tool, r -> r.lat().p50Us()));
            columns.add(reference(tool + "_p90_lat_us", tool, r -> r.lat().p90Us()));
            columns.add(reference(tool + "_p99_lat_us", tool, r -> r.lat().p99Us()));
            columns.add(reference(tool + "_p99_9_lat_us", tool, r -> r.lat().p999Us()));
            columns.add(reference(tool + "_max_lat_us", tool, r -> r.lat().maxUs()));
            columns.add(reference(tool + "_cpu_seconds_per_gb", tool, ReferenceResult::cpuSecondsPerGB));
            columns.add(new Column("ratio_" + tool, row -> row.ratio(tool)));
        }
        return List.copyOf(columns);
    }

    /** The columns of one row: Ferry's, then those of each tool that ran for it. */
    static List<Column> of(BenchRow row) {
        return of(row.references().stream().map(ReferenceResult::tool).toList());
    }

    /** The names of the reference tools that ran for any row, in order of first appearance. */
    static List<String> tools(List<BenchRow> rows) {
        return rows.stream().flatMap(r -> r.references().stream()).map(ReferenceResult::tool).distinct().toList();
    }

    private static Column ferry(String name, Function<BenchResult, Object> value) {
        return new Column(name, row -> value.apply(row.ferry()));
    }

    /** A count of {@link RegisteredIo}; null for engines that register nothing. */
    private static Column registered(String name, Function<RegisteredIo, Object> value) {
        return ferry(name, r -> r.registered() == null ? null : value.apply(r.registered()));
    }

    private static Column reference(String name, String tool, Function<ReferenceResult, Object> value) {
        return new Column(name, row -> row.reference(tool).map(value).orElse(null));
    }
}
