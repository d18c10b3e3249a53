package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;

import java.util.List;

/**
 * The first engine of a preference list that works here, decided by each engine's real probe:
 * io_uring, else libaio, else psync. The choice is visible ({@link #chosen()}, {@code ferry
 * engines}), never silent; asking for an engine by name still fails with its own reason.
 */
public final class AutoEngine implements IoEngine {
    /** The engine's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "auto";

    private final List<IoEngine> preference;
    private IoEngine chosen;

    /**
     * An engine that delegates to the first of {@code preference} that is supported here, chosen
     * when first needed (see {@link #chosen()}).
     *
     * @param preference engines in order of preference; the last should always be supported
     */
    public AutoEngine(List<IoEngine> preference) {
        this.preference = List.copyOf(preference);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        IoEngine engine = chosen();
        return engine == null ? "no engine works here" : "uses " + engine.name() + ", the first of "
                + String.join(", ", preference.stream().map(IoEngine::name).toList()) + " that works here";
    }

    /** The engine this one delegates to, or null when none is supported. */
    public synchronized IoEngine chosen() {
        if (chosen == null) {
            chosen = preference.stream().filter(engine -> engine.support().supported()).findFirst().orElse(null);
        }
        return chosen;
    }

    @Override
    public EngineSupport support() {
        IoEngine engine = chosen();
        return engine != null ? EngineSupport.yes() : EngineSupport.no("none of "
                + String.join(", ", preference.stream().map(IoEngine::name).toList()) + " works here");
    }

    @Override
    public IoQueue open(int depth, Settings settings) {
        IoEngine engine = chosen();
        if (engine == null) {
            throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED, support().reason());
        }
        return engine.open(depth, settings);
    }
}
