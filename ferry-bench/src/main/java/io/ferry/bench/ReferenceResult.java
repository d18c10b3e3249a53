package io.ferry.bench;

import java.util.Objects;

/**
 * What a reference tool (fio, curl) measured for the equivalent of one row, run on the same file right
 * after Ferry's run of that row.
 *
 * @param tool          the tool's name, such as {@code fio}
 * @param command       the exact command line, for the report
 * @param bandwidthGBps decimal gigabytes per second
 * @param iops          I/Os (blocks) per second
 * @param avgLatUs      mean completion latency of one I/O, in microseconds
 * @param lat           percentiles and maximum of completion latency, as the tool reports them
 * @param cpuSecondsPerGB the tool's CPU time (user and system) per decimal gigabyte moved; NaN when
 *                      the tool does not report it
 */
public record ReferenceResult(String tool, String command, double bandwidthGBps, double iops, double avgLatUs,
                              LatencyPercentiles lat, double cpuSecondsPerGB) {
    public ReferenceResult {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(lat, "lat");
    }
}
