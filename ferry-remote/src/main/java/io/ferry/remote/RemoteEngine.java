package io.ferry.remote;

import io.ferry.Pollable;

import java.util.List;

/** Runs the tasks of posted transfers over HTTP connections. */
interface RemoteEngine extends AutoCloseable {
    /** Takes a posted transfer; called on the posting thread, never blocks. */
    void submit(TaskSource source);

    /** The duty cycles that make progress (none for an engine with its own worker threads). */
    List<Pollable> pollables();

    /**
     * Waits up to {@code timeoutNs} for network activity and handles what became ready; returns
     * early when there is work. For the thread that polls the engine, when it is otherwise idle.
     */
    void awaitActivity(long timeoutNs);

    /** Closes every connection; called once nothing is in flight. */
    @Override
    void close();
}
