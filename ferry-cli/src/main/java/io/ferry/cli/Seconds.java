package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Durations;

/** Reads times as fio does: a bare number is seconds; {@code 500ms}, {@code 10s}, {@code 2m} carry their unit. */
final class Seconds {
    private Seconds() {
    }

    static long parseNs(String option, String text) {
        String value = text.trim();
        try {
            return value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Math.multiplyExact(Long.parseLong(value), 1_000_000_000L)
                    : Durations.parseNs(value);
        } catch (FerryException | ArithmeticException | NumberFormatException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, option + ": '" + text + "' is not a time (examples: 2, 500ms, 10s)");
        }
    }
}
