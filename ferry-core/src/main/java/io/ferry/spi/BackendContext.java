package io.ferry.spi;

import io.ferry.ThreadingMode;
import io.ferry.settings.Settings;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What a backend gets from the agent it is attached to. */
public interface BackendContext {
    /** The agent's settings, frozen. */
    Settings settings();

    /** Who drives the backend's components. */
    ThreadingMode threadingMode();

    /**
     * How many poll groups drive the agent's components: 1 when the caller drives it. A backend
     * that keeps one queue per poll group (as SPDK's host keeps a queue pair per thread) makes that
     * many components; the default placement puts them on different groups. Default: 1.
     */
    default int pollGroupCount() {
        return 1;
    }

    /**
     * Waits until {@code done} holds, for a blocking convenience of the backend (such as opening an
     * object, whose request runs on the backend's components): polls the agent on the calling
     * thread when the caller drives it, otherwise parks while its poll groups work. An interrupt is
     * kept for the caller.
     *
     * @throws io.ferry.FerryException {@link io.ferry.ErrorCode#TIMED_OUT} after {@code timeout}
     */
    void awaitUntil(BooleanSupplier done, Duration timeout);
}
