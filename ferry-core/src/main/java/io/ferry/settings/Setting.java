package io.ferry.settings;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One tunable: a name, its environment variable {@code FERRY_<NAME>}, a default, a parser and a
 * validation. Settings are declared as constants by the module that uses them (for example
 * {@code FileSettings.MAX_IO_SIZE}) and read through {@link Settings#get(Setting)}.
 *
 * @param <T> the value type
 */
public final class Setting<T> {
    private final String name;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final Validator<T> validator;

    /** Checks one value; throws {@link FerryException} with {@link ErrorCode#INVALID_SETTING}. */
    @FunctionalInterface
    public interface Validator<T> {
        /** Throws when {@code value} is not allowed for {@code setting}. */
        void check(Setting<T> setting, T value);
    }

    private Setting(String name, T defaultValue, String description, Function<String, T> parser, Function<T, String> formatter,
                    Validator<T> validator) {
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("setting names are upper case with underscores: " + name);
        }
        this.name = name;
        this.description = description;
        this.parser = parser;
        this.formatter = formatter;
        this.validator = validator;
        this.defaultValue = validate(defaultValue);
        SettingRegistry.add(this);
    }

    /** A byte size within {@code [min, max]}; text accepts units such as {@code 4k} or {@code 1m}. */
    public static Setting<Long> size(String name, long defaultValue, long min, long max, String description) {
        return new Setting<>(name, defaultValue, description, Sizes::parse, Sizes::format, range(min, max));
    }

    /** A whole number within {@code [min, max]}. */
    public static Setting<Integer> count(String name, int defaultValue, int min, int max, String description) {
        return new Setting<>(name, defaultValue, description, Setting::parseInt, String::valueOf, range(min, max));
    }

    /** A duration in nanoseconds; text accepts {@code 500us}, {@code 20ms}, {@code 5s} or plain nanoseconds. */
    public static Setting<Long> durationNs(String name, long defaultValue, long min, long max, String description) {
        return new Setting<>(name, defaultValue, description, Durations::parseNs, Durations::format, range(min, max));
    }

    /** A word from a fixed set; {@code allowed} may be empty when the set is open (validated by its user). */
    public static Setting<String> word(String name, String defaultValue, List<String> allowed, String description) {
        return new Setting<>(name, defaultValue, description, String::trim, String::valueOf, (setting, value) -> {
            if (value.isEmpty() || (!allowed.isEmpty() && !allowed.contains(value))) {
                throw setting.invalid(value, allowed.isEmpty() ? "must not be empty" : "must be one of " + allowed);
            }
        });
    }

    /** A set of whole numbers within {@code [min, max]}, written as a comma-separated list such as {@code 429,503}. */
    public static Setting<Set<Integer>> numbers(String name, Set<Integer> defaultValue, int min, int max, String description) {
        return new Setting<Set<Integer>>(name, Collections.unmodifiableSet(new TreeSet<>(defaultValue)), description, Setting::parseNumbers,
                values -> values.stream().map(String::valueOf).collect(Collectors.joining(",")), (setting, values) -> values.forEach(value -> {
                    if (value < min || value > max) {
                        throw setting.invalid(value, "each must be between " + min + " and " + max);
                    }
                }));
    }

    private static Set<Integer> parseNumbers(String text) {
        Set<Integer> values = new TreeSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                values.add(parseInt(part));
            }
        }
        return Collections.unmodifiableSet(values);
    }

    private static <N extends Number & Comparable<N>> Validator<N> range(N min, N max) {
        return (setting, value) -> {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw setting.invalid(value, "must be between " + min + " and " + max);
            }
        };
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "'" + text + "' is not a whole number");
        }
    }

    /** The name, upper case with underscores, such as {@code MAX_IO_SIZE}. */
    public String name() {
        return name;
    }

    /** The environment variable that sets this value: {@code FERRY_} followed by the name. */
    public String environmentVariable() {
        return "FERRY_" + name;
    }

    /** The value used when neither a builder nor the environment sets one. */
    public T defaultValue() {
        return defaultValue;
    }

    /** A value as text that {@link #parse} reads back, such as {@code 1m} for a size. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /** One line on what the setting does, as the README's table and {@code --help} show it. */
    public String description() {
        return description;
    }

    /** Parses and validates a textual value, as given in an environment variable or on a command line. */
    public T parse(String text) {
        Objects.requireNonNull(text, name);
        T value;
        try {
            value = parser.apply(text);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.INVALID_SETTING, name + ": " + e.getMessage(), e);
        }
        return validate(value);
    }

    /** Validates a value alone; combinations of settings are validated where they are combined. */
    public T validate(T value) {
        if (value == null) {
            throw invalid(null, "must not be null");
        }
        validator.check(this, value);
        return value;
    }

    /**
     * Validates a value that a command-line option gave: a failure names the option and the value,
     * as in {@code --connections 0: must be between 1 and 4096}, not the setting and its variable.
     */
    public T validate(T value, String option) {
        try {
            return validate(value);
        } catch (Invalid e) {
            throw new FerryException(ErrorCode.INVALID_SETTING, option + " " + e.value + ": " + e.rule, e);
        }
    }

    /** An {@link ErrorCode#INVALID_SETTING} failure naming this setting, the value and the rule. */
    public FerryException invalid(Object value, String rule) {
        return new Invalid(name + " (" + environmentVariable() + ") = " + value + ": " + rule, value, rule);
    }

    /** A failed validation that keeps the value and the rule apart, so that another name can be put before them. */
    private static final class Invalid extends FerryException {
        private final transient Object value;
        private final String rule;

        Invalid(String message, Object value, String rule) {
            super(ErrorCode.INVALID_SETTING, message);
            this.value = value;
            this.rule = rule;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
