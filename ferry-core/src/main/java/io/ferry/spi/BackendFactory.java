package io.ferry.spi;

/** Creates a backend for an agent, from the agent's settings and threading mode. */
@FunctionalInterface
public interface BackendFactory<B extends Backend> {
    /** A new backend for the agent that {@code context} describes; called once, at attach. */
    B create(BackendContext context);
}
