package io.ferry.spi;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Engines registered explicitly by name. Nothing is discovered from the class path: a module that
 * ships engines offers a registry with its built-ins, and applications may register their own.
 * Not thread-safe while being filled; safe to read concurrently afterwards.
 */
public final class IoEngineRegistry {
    private final Map<String, IoEngine> engines = new LinkedHashMap<>();

    /** An empty registry. */
    public IoEngineRegistry() {
    }

    /** Adds an engine; a name can be registered once. */
    public IoEngineRegistry register(IoEngine engine) {
        Objects.requireNonNull(engine, "engine");
        if (engines.putIfAbsent(engine.name(), engine) != null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "engine '" + engine.name() + "' is already registered");
        }
        return this;
    }

    /** The engine with this name, supported here or not. */
    public IoEngine find(String name) {
        IoEngine engine = engines.get(name);
        if (engine == null) {
            throw new FerryException(ErrorCode.UNKNOWN_ENGINE,
                    "unknown engine '" + name + "'; known engines: " + String.join(", ", engines.keySet()));
        }
        return engine;
    }

    /** The engine with this name, failing with its reason when it cannot run here. */
    public IoEngine require(String name) {
        IoEngine engine = find(name);
        EngineSupport support = engine.support();
        if (!support.supported()) {
            throw new FerryException(ErrorCode.ENGINE_UNSUPPORTED,
                    "engine '" + name + "' is not supported here: " + support.reason());
        }
        return engine;
    }

    /** All engines, in registration order. */
    public List<IoEngine> all() {
        return new ArrayList<>(engines.values());
    }
}
