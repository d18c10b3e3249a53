package io.ferry.cli;

import java.util.Locale;

/**
 * One line of a progress bar, such as
 * {@code get  42% [########..........]  860.00 MiB / 2.00 GiB  1.05 GB/s  ETA 0:01}, fitted to the
 * terminal's width (the bar shrinks first, then the line is cut); without a total (a negative one: data
 * of unknown size, such as standard input) {@code put  860.00 MiB  1.05 GB/s}.
 */
final class ProgressLine {
    private static final int MIN_BAR = 10;

    private ProgressLine() {
    }

    /**
     * @param bytes whether {@code done} and {@code total} count bytes (else steps, shown as a percentage only)
     * @param rate  counts per second, 0 when not known yet
     */
    static String format(String task, long done, long total, boolean bytes, double rate, int width) {
        if (total < 0) {
            String line = task + "  " + Units.binary(done) + "  " + Units.rate(rate);
            return line.length() > width ? line.substring(0, Math.max(0, width)) : line;
        }
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
        String tail = bytes ? "  " + Units.binary(done) + " / " + Units.binary(total) + "  " + Units.rate(rate)
                + "  ETA " + eta(total - done, rate) : "";
        int barWidth = width - task.length() - percent.length() - tail.length() - 4;
        String line = task + " " + percent + (barWidth >= MIN_BAR ? " " + bar(fraction, barWidth) : "") + tail;
        return line.length() > width ? line.substring(0, Math.max(0, width)) : line;
    }

    private static String bar(double fraction, int width) {
        int inside = width - 2;
        int filled = (int) Math.floor(fraction * inside);
        return "[" + "#".repeat(filled) + ".".repeat(inside - filled) + "]";
    }

    /** {@code 1:05}, {@code 2:03:10}, or {@code ?} while the rate is unknown. */
    static String eta(long left, double rate) {
        if (left <= 0) {
            return "0:00";
        }
        if (rate <= 0) {
            return "?";
        }
        long seconds = (long) Math.ceil(left / rate);
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
