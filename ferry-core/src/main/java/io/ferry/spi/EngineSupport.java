package io.ferry.spi;

/**
 * Whether an engine can run on this machine, and if not, why (disabled by sysctl, refused by
 * seccomp, kernel too old, not Linux, ...).
 *
 * @param supported whether the engine can run here
 * @param reason    why it cannot, for messages; {@code supported} when it can
 */
public record EngineSupport(boolean supported, String reason) {
    private static final EngineSupport SUPPORTED = new EngineSupport(true, "supported");

    /** The engine can run here. */
    public static EngineSupport yes() {
        return SUPPORTED;
    }

    /** The engine cannot run here, because of {@code reason}. */
    public static EngineSupport no(String reason) {
        return new EngineSupport(false, reason);
    }
}
