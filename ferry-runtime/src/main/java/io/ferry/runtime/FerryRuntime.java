package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.poll.IdleStrategy;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Threads for poll groups: a fixed number of {@link PollGroup}s, each driven by a thread of its own
 * from the moment the runtime is built, idling with a strategy of its own. The groups are the
 * library's passive objects; the runtime only adds threads. Agents built on the runtime
 * ({@link #newAgent}) hand their components to the groups round robin: with
 * {@code FileSettings.FILE_SHARDS} equal to the number of groups, each group owns one shard of the
 * file backend.
 *
 * <p>Lifecycle: build, make agents, transfer, then {@link #close()}: it closes the agents made here,
 * then stops the threads, each closing its group (and what is still on it) on its own thread.
 *
 * <p>Threads: every method may be called from any thread but a poll group's own (a completion
 * listener, for instance); {@link #newAgent} and {@link #close()} are serialised on the runtime.
 *
 * <p>Two poll threads drive an agent; a future reports each transfer:
 * <pre>{@code
 * try (Arena arena = Arena.ofShared();                       // poll threads touch the memory
 *      FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).build()) {
 *     Agent agent = runtime.newAgent();
 *     FileBackend files = agent.attach(FileBackend.factory());
 *     ...
 *     TransferFutures.postChecked(transfer).get(1, TimeUnit.MINUTES);
 * }
 * }</pre>
 */
public final class FerryRuntime implements AutoCloseable {
    private final List<PollGroup> groups;
    private final List<PollThread> threads;
    private final List<Agent> agents = new ArrayList<>();
    private boolean closed;

    FerryRuntime(int groupCount, String threadNamePrefix, Supplier<? extends IdleStrategy> idleStrategy,
                 io.ferry.poll.ErrorHandler errorHandler) {
        List<PollGroup> builtGroups = new ArrayList<>(groupCount);
        List<PollThread> builtThreads = new ArrayList<>(groupCount);
        for (int i = 0; i < groupCount; i++) {
            IdleStrategy strategy = Objects.requireNonNull(idleStrategy.get(), "the idle strategy supplier returned null");
            PollGroup group = new PollGroup(threadNamePrefix + "-" + i, PollGroup.DEFAULT_INBOX_CAPACITY, errorHandler);
            builtGroups.add(group);
            builtThreads.add(new PollThread(group, strategy));
        }
        groups = List.copyOf(builtGroups);
        threads = List.copyOf(builtThreads);
        threads.forEach(PollThread::start);
    }

    /** A builder with the documented defaults: one poll group, back-off idling, threads {@code ferry-poll-<i>}. */
    public static FerryRuntimeBuilder builder() {
        return new FerryRuntimeBuilder();
    }

    /**
     * An agent whose components the runtime's poll groups drive, with {@code settings}; closed by
     * {@link #close()} if the application did not close it before.
     *
     * @throws FerryException {@link ErrorCode#CLOSED} after close
     */
    public synchronized Agent newAgent(Settings settings) {
        checkNotOnPollThread("make an agent on");
        if (closed) {
            throw new FerryException(ErrorCode.CLOSED, "runtime is closed");
        }
        Agent agent = Agent.builder().settings(settings).pollGroups(groups).build();
        agents.add(agent);
        return agent;
    }

    /** Like {@link #newAgent(Settings)}, with settings from the environment. */
    public Agent newAgent() {
        return newAgent(Settings.fromEnvironment());
    }

    /**
     * The poll groups, in index order: pass them to {@link Agent#builder()} for a custom agent, or
     * hand them application components ({@link PollGroup#offer}).
     */
    public List<PollGroup> pollGroups() {
        return groups;
    }

    /** Errors thrown or reported by components, summed over the poll groups. Any thread. */
    public long errorCount() {
        long sum = 0;
        for (PollGroup group : groups) {
            sum += group.errorCount();
        }
        return sum;
    }

    /**
     * Closes the agents made here (each waits for its transfers and lets go of its components), then
     * stops every thread and waits until each has closed its group. Idempotent.
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
        RuntimeException failure = null;
        for (Agent agent : agents) {
            try {
                agent.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        threads.forEach(PollThread::stop);
        threads.forEach(PollThread::join);
        if (failure != null) {
            throw failure;
        }
    }

    private void checkNotOnPollThread(String action) {
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i).isCurrentThread()) {
                throw new FerryException(ErrorCode.ILLEGAL_STATE,
                        "cannot " + action + " the runtime from its own poll group " + groups.get(i).name());
            }
        }
    }
}
