package io.ferry.poll;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Idle strategies by name, for command lines and configuration files. */
public final class IdleStrategies {
    /** The names {@link #named(String)} accepts. */
    public static final List<String> NAMES = List.of("spin", "yield", "backoff");

    private IdleStrategies() {
    }

    /**
     * A new strategy for one thread: {@code spin} ({@link BusySpinIdleStrategy}), {@code yield}
     * ({@link YieldingIdleStrategy}) or {@code backoff} ({@link BackoffIdleStrategy} with its
     * defaults). Case does not matter.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for any other name; the message
     *                        lists the valid ones
     */
    public static IdleStrategy named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "spin" -> new BusySpinIdleStrategy();
            case "yield" -> new YieldingIdleStrategy();
            case "backoff" -> new BackoffIdleStrategy();
            default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "unknown idle strategy '" + name + "'; valid names: " + String.join(", ", NAMES));
        };
    }
}
