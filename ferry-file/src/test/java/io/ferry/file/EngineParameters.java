package io.ferry.file;

import io.ferry.spi.IoEngine;

import java.util.List;

/** The engine names every conformance test runs on: all built-ins, supported here or not. */
final class EngineParameters {
    private EngineParameters() {
    }

    static List<String> engines() {
        return FileEngines.builtins().all().stream().map(IoEngine::name).toList();
    }
}
