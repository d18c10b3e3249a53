package io.ferry.file.engine;

import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;

/** The portable engine: positional {@code pread}/{@code pwrite}, executed one by one inside submit. */
public final class PsyncEngine implements IoEngine {
    /** The engine's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "psync";

    /** Creates the engine; it holds no state, so one instance can open the queues of every backend. */
    public PsyncEngine() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "positional pread/pwrite, synchronous, one call per operation";
    }

    @Override
    public EngineSupport support() {
        return EngineSupport.yes();
    }

    @Override
    public IoQueue open(int depth, Settings settings) {
        return new PsyncQueue(depth);
    }
}
