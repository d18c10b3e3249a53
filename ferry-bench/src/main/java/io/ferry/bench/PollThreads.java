package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.runtime.FerryRuntime;
import io.ferry.settings.Settings;

/**
 * The threads of a row: with one thread, the benchmark thread drives the row's agent itself and
 * nothing is started; with more, a {@link FerryRuntime} of that many poll groups drives it, one
 * file-backend shard each. Closing closes the runtime and with it the agent made here.
 */
final class PollThreads implements AutoCloseable {
    private final FerryRuntime runtime;

    private PollThreads(FerryRuntime runtime) {
        this.runtime = runtime;
    }

    static PollThreads start(int threads) {
        return new PollThreads(threads == 1 ? null
                : FerryRuntime.builder().pollGroups(threads).threadNamePrefix("ferry-bench-poll").build());
    }

    /** The row's agent: driven by the benchmark thread, or by the runtime's poll groups. */
    Agent newAgent(Settings settings) {
        return runtime == null ? Agent.create(settings) : runtime.newAgent(settings);
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
