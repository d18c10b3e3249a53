package io.ferry.file;

import io.ferry.Agent;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Poll groups driven by plain threads of the test, as an application with its own loops drives
 * them: each thread spins over its group until closed, then closes the group on its own thread.
 */
public final class DrivenGroups implements AutoCloseable {
    private final List<PollGroup> groups = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    public DrivenGroups(int count) {
        for (int i = 0; i < count; i++) {
            PollGroup group = new PollGroup("poller-" + i);
            groups.add(group);
            threads.add(Thread.ofPlatform().name(group.name()).start(() -> {
                while (!stop.get()) {
                    if (group.poll() == 0) {
                        Thread.onSpinWait();
                    }
                }
                group.close();
            }));
        }
    }

    /** An agent whose components these groups drive. */
    public Agent agent(Settings settings) {
        return Agent.builder().settings(settings).pollGroups(groups).build();
    }

    public List<PollGroup> groups() {
        return groups;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
