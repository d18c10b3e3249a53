package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One poll group driven by a plain thread of the test, as an application's own loop would: it polls,
 * waits up to a millisecond in the group's waiter when idle, and closes the group on its thread.
 */
final class DrivenGroup implements AutoCloseable {
    private final PollGroup group = new PollGroup("nvme-test-poller");
    private final Thread thread;
    private volatile boolean stop;

    DrivenGroup() {
        thread = Thread.ofPlatform().name(group.name()).start(() -> {
            while (!stop) {
                if (group.poll() == 0) {
                    group.waiter().await(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            group.close();
        });
    }

    Agent agent() {
        return agent(Settings.defaults());
    }

    Agent agent(Settings settings) {
        return Agent.builder().pollGroups(List.of(group)).settings(settings).build();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        group.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
