package io.ferry.cli;

import java.util.Locale;

/** Human-readable byte counts and rates for summaries and progress. */
final class Units {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final String[] DECIMAL_RATES = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};

    private Units() {
    }

    /** {@code 1.50 GiB}, {@code 12.00 KiB}, {@code 17 B}. */
    static String binary(long bytes) {
        return scaled(bytes, 1024, BINARY, false);
    }

    /** {@code 1.05 GB/s}, {@code 850.0 MB/s}, {@code 12.35 kB/s}, {@code 17 B/s}: decimal units that fit the rate. */
    static String rate(double bytesPerSecond) {
        return scaled(bytesPerSecond, 1000, DECIMAL_RATES, true);
    }

    /** {@code value} in the largest unit it reaches, two decimals (one from 100 up when {@code shortAbove100}). */
    private static String scaled(double value, int step, String[] units, boolean shortAbove100) {
        int unit = 0;
        while (value >= step && unit < units.length - 1) {
            value /= step;
            unit++;
        }
        String format = unit == 0 ? "%.0f %s" : shortAbove100 && value >= 100 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, format, value, units[unit]);
    }
}
