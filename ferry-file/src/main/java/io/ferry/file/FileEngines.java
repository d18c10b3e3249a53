package io.ferry.file;

import io.ferry.file.engine.PsyncEngine;
import io.ferry.spi.IoEngineRegistry;

/** The built-in file engines, registered explicitly by name. */
public final class FileEngines {
    private FileEngines() {
    }

    /** A new registry holding every built-in engine; add your own to it before building a backend. */
    public static IoEngineRegistry builtins() {
        return new IoEngineRegistry()
                .register(new PsyncEngine());
    }
}
