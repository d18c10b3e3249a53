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
}
