package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ThreadingMode;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.poll.Component;
import io.ferry.poll.IdleStrategies;
import io.ferry.poll.IdleStrategy;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FerryRuntimeTest {
    /** A backend with no targets whose components record the names of the threads that poll and close them. */
    private static final class ProbeBackend implements Backend {
        final List<String> pollerNames;
        final Queue<String> closerNames = new ConcurrentLinkedQueue<>();
        final List<Component> components = new ArrayList<>();

        ProbeBackend(int count) {
            pollerNames = new ArrayList<>(Collections.nCopies(count, (String) null));
            for (int i = 0; i < count; i++) {
                int index = i;
                components.add(new Component() {
                    @Override
                    public String name() {
                        return "probe-" + index;
                    }

                    @Override
                    public int poll() {
                        synchronized (pollerNames) {
                            pollerNames.set(index, Thread.currentThread().getName());
                        }
                        return 0;
                    }

                    @Override
                    public void onClose() {
                        closerNames.add(Thread.currentThread().getName());
                    }
                });
            }
        }

        List<String> pollerNames() {
            synchronized (pollerNames) {
                return new ArrayList<>(pollerNames);
            }
        }

        List<String> closerNames() {
            return List.copyOf(closerNames);
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public boolean owns(Target target) {
            return false;
        }

        @Override
        public BackendTransfer prepare(TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
            throw new UnsupportedOperationException("the probe backend moves no data");
        }

        @Override
        public List<Component> components() {
            return components;
        }

        @Override
        public void close() {
        }
    }

    private static void assertCode(Throwable error, ErrorCode code) {
        assertThat(error).isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void shouldPlaceAnAgentsComponentsRoundRobinOnItsPollGroups() {
        ProbeBackend probe = new ProbeBackend(5);
        try (FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).threadNamePrefix("round-robin").build()) {
            Agent agent = runtime.newAgent(Settings.defaults());
            agent.attach(context -> probe);

            Eventually.until("every component polled", () -> !probe.pollerNames().contains(null));
            assertThat(probe.pollerNames())
                    .containsExactly("round-robin-0", "round-robin-1", "round-robin-0", "round-robin-1", "round-robin-0");
            assertThat(runtime.pollGroups()).extracting(PollGroup::name).containsExactly("round-robin-0", "round-robin-1");
            assertThat(agent.threadingMode()).isEqualTo(ThreadingMode.POLL_GROUPS);
            assertThatThrownBy(agent::poll).satisfies(e -> assertCode(e, ErrorCode.ILLEGAL_STATE))
                    .hasMessageContaining("poll groups drive this agent");
        }
    }

    @Test
    void shouldCloseTheAgentsItMadeAndTheirComponentsOnTheirOwnThreads() {
        ProbeBackend probe = new ProbeBackend(3);
        FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).threadNamePrefix("closing").build();
        Agent agent = runtime.newAgent(Settings.defaults());
        agent.attach(context -> probe);
        Eventually.until("every component polled", () -> !probe.pollerNames().contains(null));

        runtime.close();

        assertThat(probe.closerNames()).containsExactlyInAnyOrder("closing-0", "closing-1", "closing-0");
        assertThatThrownBy(() -> agent.prepare(TransferOp.READ, List.of()))
                .satisfies(e -> assertCode(e, ErrorCode.CLOSED));
    }

    @Test
    void shouldLetAnAgentLeaveWhileTheRuntimeRuns() {
        ProbeBackend probe = new ProbeBackend(2);
        try (FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).threadNamePrefix("leaving").build()) {
            Agent agent = runtime.newAgent(Settings.defaults());
            agent.attach(context -> probe);
            Eventually.until("every component polled", () -> !probe.pollerNames().contains(null));

            agent.close();

            assertThat(probe.closerNames()).containsExactlyInAnyOrder("leaving-0", "leaving-1");
            assertThat(runtime.pollGroups()).allMatch(group -> !group.isClosed());
        }
    }

    @Test
    void shouldCloseIdempotentlyAndLeaveNoLivePollThread() {
        FerryRuntime runtime = FerryRuntime.builder().pollGroups(3).threadNamePrefix("closing-runtime").build();
        Eventually.until("every group running", () -> runtime.pollGroups().stream().allMatch(g -> g.dutyCycles() > 0));
        assertThat(Eventually.liveThreadsNamed("closing-runtime")).hasSize(3);

        runtime.close();
        runtime.close();

        assertThat(Eventually.liveThreadsNamed("closing-runtime")).isEmpty();
        assertThat(runtime.pollGroups()).allMatch(PollGroup::isClosed);
    }

    @Test
    void shouldRefuseNewAgentsAfterClose() {
        FerryRuntime runtime = FerryRuntime.builder().build();
        runtime.close();
        assertThatThrownBy(() -> runtime.newAgent(Settings.defaults())).satisfies(e -> assertCode(e, ErrorCode.CLOSED));
    }

    @Test
    void shouldCountErrorsOfEveryGroupAndCallTheConfiguredHandler() {
        Queue<Throwable> handled = new ConcurrentLinkedQueue<>();
        try (FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).errorHandler(handled::add).build()) {
            RuntimeException failure = new RuntimeException("component failed");
            runtime.pollGroups().forEach(group -> group.offer(Component.of("failing", () -> {
                throw failure;
            })));

            // The count is raised before the handler runs: wait for what is asserted, the handled errors.
            Eventually.until("both groups' errors handled", () -> handled.size() >= 2
                    && runtime.pollGroups().stream().allMatch(g -> g.errorCount() > 0));
            assertThat(runtime.errorCount()).isGreaterThanOrEqualTo(2);
            assertThat(handled).allMatch(error -> error == failure);
        }
    }

    @Test
    void shouldGiveEachGroupItsOwnIdleStrategy() {
        List<IdleStrategy> made = new ArrayList<>();
        try (FerryRuntime runtime = FerryRuntime.builder().pollGroups(3).idleStrategy(() -> {
            IdleStrategy strategy = IdleStrategies.named("yield");
            made.add(strategy);
            return strategy;
        }).build()) {
            assertThat(runtime.pollGroups()).hasSize(3);
            assertThat(made).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldRejectInvalidBuilderChoices() {
        FerryRuntimeBuilder builder = FerryRuntime.builder();
        assertThatThrownBy(() -> builder.pollGroups(0)).satisfies(e -> assertCode(e, ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> builder.threadNamePrefix(" ")).satisfies(e -> assertCode(e, ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> builder.idleStrategy(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.errorHandler(null)).isInstanceOf(NullPointerException.class);
    }
}
