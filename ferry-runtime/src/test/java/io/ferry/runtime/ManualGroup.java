package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;

import java.util.function.BooleanSupplier;

/**
 * A poll group that only the test's thread drives, when it chooses: transfers of its agent stay in
 * flight until the test polls. Closing closes the group on the test's thread, so the agent's
 * close finds its components closed already.
 */
final class ManualGroup implements AutoCloseable {
    final PollGroup group = new PollGroup("manual");

    Agent agent(Settings settings) {
        return Agent.builder().settings(settings).pollGroups(java.util.List.of(group)).build();
    }

    /** Polls until {@code done}, failing after {@link Eventually#TIMEOUT}. */
    void driveUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Eventually.TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + Eventually.TIMEOUT + " for: " + what);
            }
            group.poll();
        }
    }

    @Override
    public void close() {
        group.close();
    }
}
