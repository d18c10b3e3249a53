package io.ferry.settings;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/** Parses and prints byte sizes: {@code 4096}, {@code 4k}, {@code 1m}, {@code 2g}, {@code 1MiB}. Units are powers of 1024. */
public final class Sizes {
    private Sizes() {
    }

    /** {@code text} in bytes; throws {@link io.ferry.FerryException} when it is not a size. */
    public static long parse(String text) {
        String s = text.trim().toLowerCase();
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b") && s.length() > 1 && !Character.isDigit(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = -1;
            }
        }
        String digits = shift >= 0 ? s.substring(0, s.length() - 1) : s;
        try {
            long value = Long.parseLong(digits);
            if (value < 0) {
                throw new NumberFormatException();
            }
            int unitShift = Math.max(shift, 0);
            if (unitShift > 0 && value > (Long.MAX_VALUE >> unitShift)) {
                throw new FerryException(ErrorCode.OUT_OF_RANGE, "size '" + text + "' is too large");
            }
            return value << unitShift;
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "'" + text + "' is not a size (examples: 4096, 4k, 1m, 2g)");
        }
    }

    /** The shortest exact form: {@code 4k}, {@code 1m}, or plain bytes. */
    public static String format(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /** A size for people, rounded to one decimal of its unit: {@code 1.5g}, {@code 512.0m}, {@code 900} (bytes). */
    public static String formatRounded(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= 1L << shifts[i]) {
                return String.format(java.util.Locale.ROOT, "%.1f%s", bytes / (double) (1L << shifts[i]), units[i]);
            }
        }
        return Long.toString(bytes);
    }
}
