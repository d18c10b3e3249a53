package io.ferry.settings;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.concurrent.TimeUnit;

/** Parses and formats durations such as {@code 250ns}, {@code 500us}, {@code 20ms}, {@code 5s}, {@code 2m}; a bare number is nanoseconds. */
public final class Durations {
    private Durations() {
    }

    /** {@code text} in nanoseconds; throws {@link io.ferry.FerryException} when it is not a duration. */
    public static long parseNs(String text) {
        String s = text.trim().toLowerCase();
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "'" + text + "' is not a duration (examples: 500us, 20ms, 5s)");
        }
        long value = Long.parseLong(s.substring(0, end));
        TimeUnit unit = switch (s.substring(end)) {
            case "", "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m", "min" -> TimeUnit.MINUTES;
            default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "'" + text + "' has an unknown unit (use ns, us, ms, s or m)");
        };
        return unit.toNanos(value);
    }

    /** The shortest exact text for a duration: {@code 30s}, {@code 100ms}, {@code 250ns}. */
    public static String format(long ns) {
        if (ns != 0 && ns % 60_000_000_000L == 0) {
            return ns / 60_000_000_000L + "m";
        }
        for (String unit : new String[] {"s", "ms", "us"}) {
            long scale = switch (unit) {
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                default -> 1_000L;
            };
            if (ns != 0 && ns % scale == 0) {
                return ns / scale + unit;
            }
        }
        return ns + "ns";
    }
}
