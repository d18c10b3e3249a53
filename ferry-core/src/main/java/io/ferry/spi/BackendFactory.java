package io.ferry.spi;

/** Creates a backend for an agent, from the agent's settings and threading mode. */
@FunctionalInterface
public interface BackendFactory<B extends Backend> {
    B create(BackendContext context);
}
