package io.ferry.spi;

import io.ferry.settings.Settings;

/** Creates a backend for an agent, from the agent's settings. */
@FunctionalInterface
public interface BackendFactory<B extends Backend> {
    B create(Settings settings);
}
