package io.ferry.testing;

import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An engine that wraps every queue of another engine in a {@link FaultInjectingIoQueue},
 * configured by {@code faults}. Register it under its own name next to the real engines.
 */
public final class FaultInjectingEngine implements IoEngine {
    private final String name;
    private final IoEngine inner;
    private final Consumer<FaultInjectingIoQueue> faults;
    private final List<FaultInjectingIoQueue> queues = new CopyOnWriteArrayList<>();

    public FaultInjectingEngine(String name, IoEngine inner, Consumer<FaultInjectingIoQueue> faults) {
        this.name = name;
        this.inner = inner;
        this.faults = faults;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return inner.name() + " with injected faults";
    }

    @Override
    public EngineSupport support() {
        return inner.support();
    }

    @Override
    public IoQueue open(int depth, Settings settings) {
        FaultInjectingIoQueue queue = new FaultInjectingIoQueue(inner.open(depth, settings));
        faults.accept(queue);
        queues.add(queue);
        return queue;
    }

    /** The queues opened so far, to read their counters. */
    public List<FaultInjectingIoQueue> queues() {
        return queues;
    }
}
