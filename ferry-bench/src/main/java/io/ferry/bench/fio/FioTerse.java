package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchOp;
import io.ferry.bench.CpuCost;
import io.ferry.bench.LatencyPercentiles;
import io.ferry.bench.ToolProcesses;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads fio's terse output, version 3 (fio HOWTO, "Terse output"): one line of fields separated by
 * semicolons, five of header, then 41 for reads and 41 for writes. Within a direction: total KiB,
 * bandwidth in KiB/s, IOPS, runtime in ms, submission latency (4 fields), completion latency (min,
 * max, mean, stdev, in microseconds), then 20 completion-latency percentiles as {@code p%=usec}
 * (fio's default list holds 50, 90, 99 and 99.9). After both directions: user and system CPU, each
 * a percentage of the job's run time (summed over the jobs of a group).
 */
final class FioTerse {
    private static final int READ_BASE = 5;
    private static final int WRITE_BASE = 46;
    private static final int BANDWIDTH_KIB = 1;
    private static final int IOPS = 2;
    private static final int CLAT_MEAN_US = 10;
    private static final int PERCENTILES = 12;
    private static final int PERCENTILE_COUNT = 20;
    private static final int TOTAL_KIB = 0;
    private static final int RUNTIME_MS = 3;
    private static final int CLAT_MAX_US = 9;
    private static final int USER_CPU = WRITE_BASE + 41;
    private static final int SYSTEM_CPU = USER_CPU + 1;

    private FioTerse() {
    }

    /**
     * The figures of {@code op} in the terse line found in fio's output, of a run of {@code jobs}
     * jobs: the read side, the write side, or for a mixed row both together (bandwidth and IOPS
     * added, the mean latency weighted by IOPS, and no percentiles, which cannot be combined).
     */
    static Figures parse(String output, BenchOp op, int jobs) {
        String line = output.lines().filter(l -> l.startsWith("3;")).findFirst().orElseThrow(() ->
                new FerryException(ErrorCode.IO_ERROR, "fio printed no terse version 3 line: " + ToolProcesses.firstLines(output)));
        String[] fields = line.split(";");
        if (fields.length <= SYSTEM_CPU) {
            throw new FerryException(ErrorCode.IO_ERROR, "fio's terse line has " + fields.length + " fields: " + line);
        }
        try {
            Side read = Side.of(fields, READ_BASE);
            Side write = Side.of(fields, WRITE_BASE);
            Side side = op.isMixed() ? read.plus(write) : op.reads() ? read : write;
            // fio divides each job's CPU time by its run time and sums both over the jobs; the
            // direction's run time is the longest job's, so jobs x run time gives back the CPU time.
            double cpuShare = (percent(fields[USER_CPU]) + percent(fields[SYSTEM_CPU])) / 100;
            double cpuSeconds = cpuShare * side.runtimeMs() / 1000 * jobs;
            return new Figures(side.bytesPerSecond() / 1e9, side.iops(), side.meanUs(), side.lat(),
                    CpuCost.secondsPerGB(cpuSeconds, side.bytes()));
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot read fio's terse line: " + line, e);
        }
    }

    /** One direction of fio's report. */
    private record Side(long bytes, double bytesPerSecond, double iops, double runtimeMs, double meanUs,
                        LatencyPercentiles lat) {
        static Side of(String[] fields, int base) {
            Map<String, Double> percentiles = new HashMap<>();
            for (int i = 0; i < PERCENTILE_COUNT; i++) {
                String[] field = fields[base + PERCENTILES + i].split("%=", 2);
                if (field.length == 2) {
                    percentiles.put(field[0], Double.parseDouble(field[1]));
                }
            }
            LatencyPercentiles lat = new LatencyPercentiles(percentile(percentiles, "50.000000"),
                    percentile(percentiles, "90.000000"), percentile(percentiles, "99.000000"),
                    percentile(percentiles, "99.900000"), Double.parseDouble(fields[base + CLAT_MAX_US]));
            return new Side(Long.parseLong(fields[base + TOTAL_KIB]) * 1024,
                    Double.parseDouble(fields[base + BANDWIDTH_KIB]) * 1024, Double.parseDouble(fields[base + IOPS]),
                    Double.parseDouble(fields[base + RUNTIME_MS]), Double.parseDouble(fields[base + CLAT_MEAN_US]), lat);
        }

        /** Both directions of a mixed job as one. */
        Side plus(Side other) {
            double allIops = iops + other.iops;
            double mean = allIops > 0 ? (meanUs * iops + other.meanUs * other.iops) / allIops : 0;
            return new Side(bytes + other.bytes, bytesPerSecond + other.bytesPerSecond, allIops,
                    Math.max(runtimeMs, other.runtimeMs), mean, LatencyPercentiles.NONE);
        }
    }

    /** {@code 15.666667%} as 15.666667. */
    private static double percent(String field) {
        return Double.parseDouble(field.endsWith("%") ? field.substring(0, field.length() - 1) : field);
    }

    /** NaN when fio was told to print other percentiles. */
    private static double percentile(Map<String, Double> percentiles, String name) {
        return percentiles.getOrDefault(name, Double.NaN);
    }

    /** What fio measured for one direction. */
    record Figures(double bandwidthGBps, double iops, double avgLatUs, LatencyPercentiles lat, double cpuSecondsPerGB) {
    }
}
