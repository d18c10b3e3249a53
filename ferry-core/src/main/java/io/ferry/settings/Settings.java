package io.ferry.settings;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of setting values. A value is taken, in order, from an explicit
 * {@link Builder#set}, from the environment variable {@code FERRY_<NAME>} when the settings were
 * built {@linkplain Builder#environment with an environment}, or from the setting's default.
 * Explicit values are validated when set; environment values when first read, with a message that
 * names the variable. Components read their settings once, when they are built: a component never
 * sees a value change under it.
 */
public final class Settings {
    private static final Settings DEFAULTS = builder().build();

    private final Map<Setting<?>, Object> explicit;
    private final Map<String, String> environment;
    private final Map<Setting<?>, Object> resolved = new ConcurrentHashMap<>();

    private Settings(Map<Setting<?>, Object> explicit, Map<String, String> environment) {
        this.explicit = Map.copyOf(explicit);
        this.environment = Map.copyOf(environment);
    }

    /** Every setting at its default. */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /** Defaults overridden by the process environment's {@code FERRY_*} variables. */
    public static Settings fromEnvironment() {
        return builder().environment(System.getenv()).build();
    }

    /** A builder with no values set and no environment. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of a setting. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object value = explicit.get(setting);
        if (value != null) {
            return (T) value;
        }
        return (T) resolved.computeIfAbsent(setting, this::fromEnvironmentOrDefault);
    }

    private Object fromEnvironmentOrDefault(Setting<?> setting) {
        String text = environment.get(setting.environmentVariable());
        if (text == null) {
            return setting.defaultValue();
        }
        try {
            return setting.parse(text);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.INVALID_SETTING,
                    "environment variable " + setting.environmentVariable() + "='" + text + "': " + e.getMessage(), e);
        }
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.explicit.putAll(explicit);
        builder.environment.putAll(environment);
        return builder;
    }

    /** Collects values; not thread-safe. */
    public static final class Builder {
        private final Map<Setting<?>, Object> explicit = new HashMap<>();
        private final Map<String, String> environment = new HashMap<>();

        private Builder() {
        }

        /** Sets a value, validated now. */
        public <T> Builder set(Setting<T> setting, T value) {
            explicit.put(Objects.requireNonNull(setting, "setting"), setting.validate(value));
            return this;
        }

        /** Sets a value by name ({@code MAX_IO_SIZE}) from text, as a command line would; validated now. */
        public Builder set(String name, String text) {
            Setting<?> setting = SettingRegistry.find(name);
            if (setting == null) {
                throw new FerryException(ErrorCode.INVALID_SETTING, "unknown setting '" + name + "'");
            }
            explicit.put(setting, setting.parse(text));
            return this;
        }

        /** Reads {@code FERRY_*} variables from this map for settings not set explicitly. */
        public Builder environment(Map<String, String> variables) {
            variables.forEach((key, value) -> {
                if (key.startsWith("FERRY_")) {
                    environment.put(key, value);
                }
            });
            return this;
        }

        /** The settings, frozen: later changes to this builder do not reach them. */
        public Settings build() {
            return new Settings(explicit, environment);
        }
    }
}
