package io.ferry.spi;

import io.ferry.settings.Settings;

/** A named way to create {@link IoQueue}s. Probing support never throws. */
public interface IoEngine {
    /** The registered name, such as {@code psync}. */
    String name();

    /** A one-line description for listings. */
    String description();

    /** Whether the engine works here; probed once and remembered. */
    EngineSupport support();

    /**
     * Opens a queue.
     *
     * @param depth the most operations the caller keeps outstanding
     * @throws io.ferry.FerryException with {@link io.ferry.ErrorCode#ENGINE_UNSUPPORTED} when not supported
     */
    IoQueue open(int depth, Settings settings);
}
