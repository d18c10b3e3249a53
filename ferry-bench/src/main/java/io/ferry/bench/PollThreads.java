package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.runtime.FerryRuntime;

/**
 * The threads of a row: with one thread, the benchmark thread drives the agent itself and nothing
 * is started; with more, a {@link FerryRuntime} of that many poll groups drives one file-backend
 * shard each, and closing it gives progress back to the agent.
 */
final class PollThreads implements AutoCloseable {
    private final FerryRuntime runtime;

    private PollThreads(FerryRuntime runtime) {
        this.runtime = runtime;
    }

    static PollThreads start(Agent agent, int threads) {
        if (threads == 1) {
            return new PollThreads(null);
        }
        FerryRuntime runtime = FerryRuntime.builder().pollGroups(threads).threadNamePrefix("ferry-bench-poll").build();
        runtime.attach(agent);
        return new PollThreads(runtime);
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
