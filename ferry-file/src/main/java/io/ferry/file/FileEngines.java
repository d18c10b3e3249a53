package io.ferry.file;

import io.ferry.file.engine.AutoEngine;
import io.ferry.file.engine.IoUringEngine;
import io.ferry.file.engine.LibaioEngine;
import io.ferry.file.engine.PsyncEngine;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoEngineRegistry;

import java.util.List;

/** The built-in file engines, registered explicitly by name. */
public final class FileEngines {
    private FileEngines() {
    }

    /**
     * A new registry holding every built-in engine, and {@code auto}, which uses the first of
     * io_uring, libaio and psync that works here. Add your own engines before building a backend.
     */
    public static IoEngineRegistry builtins() {
        IoEngine psync = new PsyncEngine();
        IoEngine ioUring = new IoUringEngine();
        IoEngine libaio = new LibaioEngine();
        return new IoEngineRegistry()
                .register(psync)
                .register(ioUring)
                .register(libaio)
                .register(new AutoEngine(List.of(ioUring, libaio, psync)));
    }

    /** The engine that {@code name} stands for: the one {@code auto} chose here, or the name itself. */
    public static String resolve(IoEngineRegistry engines, String name) {
        return engines.find(name) instanceof AutoEngine auto && auto.chosen() != null ? auto.chosen().name() : name;
    }
}
