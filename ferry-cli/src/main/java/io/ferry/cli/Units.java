package io.ferry.cli;

import java.util.Locale;

/** Human-readable byte counts for summaries. */
final class Units {
    private Units() {
    }

    /** {@code 1.50 GiB}, {@code 12.0 KiB}, {@code 17 B}. */
    static String binary(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /** {@code 1.05 GB/s}, {@code 850.0 MB/s}, {@code 12.3 kB/s}, {@code 17 B/s}: decimal units that fit the rate. */
    static String rate(double bytesPerSecond) {
        String[] units = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};
        double value = bytesPerSecond;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
                : String.format(Locale.ROOT, value >= 100 ? "%.1f %s" : "%.2f %s", value, units[unit]);
    }
}
