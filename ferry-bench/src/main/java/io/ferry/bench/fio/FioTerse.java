package io.ferry.bench.fio;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.bench.LatencyPercentiles;
import io.ferry.bench.ToolProcesses;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads fio's terse output, version 3 (fio HOWTO, "Terse output"): one line of fields separated by
 * semicolons, five of header, then 41 for reads and 41 for writes. Within a direction: total KiB,
 * bandwidth in KiB/s, IOPS, runtime in ms, submission latency (4 fields), completion latency (min,
 * max, mean, stdev, in microseconds), then 20 completion-latency percentiles as {@code p%=usec}
 * (fio's default list holds 50, 90, 99 and 99.9).
 */
final class FioTerse {
    private static final int READ_BASE = 5;
    private static final int WRITE_BASE = 46;
    private static final int BANDWIDTH_KIB = 1;
    private static final int IOPS = 2;
    private static final int CLAT_MEAN_US = 10;
    private static final int PERCENTILES = 12;
    private static final int PERCENTILE_COUNT = 20;
    private static final int CLAT_MAX_US = 9;

    private FioTerse() {
    }

    /** The figures of {@code direction} in the terse line found in fio's output. */
    static Figures parse(String output, TransferOp direction) {
        String line = output.lines().filter(l -> l.startsWith("3;")).findFirst().orElseThrow(() ->
                new FerryException(ErrorCode.IO_ERROR, "fio printed no terse version 3 line: " + ToolProcesses.firstLines(output)));
        String[] fields = line.split(";");
        int base = direction == TransferOp.READ ? READ_BASE : WRITE_BASE;
        if (fields.length < WRITE_BASE + PERCENTILES + PERCENTILE_COUNT) {
            throw new FerryException(ErrorCode.IO_ERROR, "fio's terse line has " + fields.length + " fields: " + line);
        }
        try {
            double bytesPerSecond = Double.parseDouble(fields[base + BANDWIDTH_KIB]) * 1024;
            double iops = Double.parseDouble(fields[base + IOPS]);
            double meanUs = Double.parseDouble(fields[base + CLAT_MEAN_US]);
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
            return new Figures(bytesPerSecond / 1e9, iops, meanUs, lat);
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot read fio's terse line: " + line, e);
        }
    }

    /** NaN when fio was told to print other percentiles. */
    private static double percentile(Map<String, Double> percentiles, String name) {
        return percentiles.getOrDefault(name, Double.NaN);
    }

    /** What fio measured for one direction. */
    record Figures(double bandwidthGBps, double iops, double avgLatUs, LatencyPercentiles lat) {
    }
}
