package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Pollable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Threads for agents: a fixed number of {@link PollGroup}s, started when the runtime is built, that
 * poll the components of every {@linkplain #attach attached} agent. Component {@code i} of an
 * agent goes to group {@code i % n}, so with {@code FileSettings.FILE_SHARDS} equal to the number
 * of poll groups each group owns exactly one shard of the file backend; with fewer shards some
 * groups idle, with more some groups poll several.
 *
 * <p>Lifecycle: build, attach agents (after their backends are attached), transfer, then
 * {@link #close()} the runtime, and only then close the agents: closing an agent frees the
 * components the runtime would otherwise still be polling.
 *
 * <p>Threads: {@link #attach} and {@link #close()} may be called from any thread but not from a
 * poll group's thread (a completion listener, for instance); they are serialised on the runtime.
 */
public final class FerryRuntime implements AutoCloseable {
    private final List<PollGroup> groups;
    private final List<Agent> agents = new ArrayList<>();
    private boolean closed;

    FerryRuntime(int groupCount, String threadNamePrefix, Supplier<? extends IdleStrategy> idleStrategy,
                 ErrorHandler errorHandler) {
        List<PollGroup> built = new ArrayList<>(groupCount);
        for (int i = 0; i < groupCount; i++) {
            IdleStrategy strategy = Objects.requireNonNull(idleStrategy.get(), "the idle strategy supplier returned null");
            built.add(new PollGroup(threadNamePrefix + "-" + i, strategy, errorHandler, PollGroup.DEFAULT_HAND_OFF_CAPACITY));
        }
        groups = List.copyOf(built);
        try {
            groups.forEach(PollGroup::start);
        } catch (RuntimeException | Error e) {
            groups.forEach(PollGroup::close);
            throw e;
        }
    }

    /** A builder with the documented defaults: one poll group, back-off idling, threads {@code ferry-poll-<i>}. */
    public static FerryRuntimeBuilder builder() {
        return new FerryRuntimeBuilder();
    }

    /**
     * Takes over progress of {@code agent} ({@link Agent#handOffProgress()}) and spreads its
     * components over the poll groups round-robin. From then on the agent's {@link Agent#poll()} is
     * refused and {@link io.ferry.Transfer#await()} parks while the groups make progress. Attach
     * every backend to the agent first: the agent refuses new backends once handed off. May wait
     * briefly for room in a group's hand-off queue, which the group's thread drains every cycle.
     *
     * @throws FerryException {@link ErrorCode#CLOSED} after close (the agent is left untouched),
     *                        {@link ErrorCode#ILLEGAL_STATE} when the agent was already handed off
     */
    public synchronized void attach(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        checkNotOnPollThread("attach");
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "runtime is closed");
        }
        List<Pollable> pollables = agent.handOffProgress();
        for (int i = 0; i < pollables.size(); i++) {
            groups.get(i % groups.size()).addWhenRoom(pollables.get(i));
        }
        agents.add(agent);
    }

    /** The poll groups, in index order; owned by the runtime (use them to add application pollables or read counters). */
    public List<PollGroup> pollGroups() {
        return groups;
    }

    /** Errors thrown by pollables, summed over the poll groups. Any thread. */
    public long errorCount() {
        long sum = 0;
        for (PollGroup group : groups) {
            sum += group.errorCount();
        }
        return sum;
    }

    /**
     * Stops and joins every poll group, then gives progress back to every attached agent
     * ({@link Agent#takeBackProgress()}), so that each agent can be polled, awaited and closed on
     * the application's thread. Does not close the agents. Idempotent.
     *
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when called from a poll group's thread
     */
    @Override
    public synchronized void close() {
        checkNotOnPollThread("close");
        if (closed) {
            return;
        }
        closed = true;
        groups.forEach(PollGroup::close);
        agents.forEach(Agent::takeBackProgress);
    }

    private void checkNotOnPollThread(String action) {
        for (PollGroup group : groups) {
            if (group.isCurrentThread()) {
                throw new FerryException(ErrorCode.ILLEGAL_STATE,
                        "cannot " + action + " the runtime from its own poll group " + group.name());
            }
        }
    }
}
