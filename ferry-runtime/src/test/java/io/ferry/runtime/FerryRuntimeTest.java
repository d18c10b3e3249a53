package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Pollable;
import io.ferry.Target;
import io.ferry.TransferOp;
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
    /** A backend with no targets whose pollables record the name of the thread that polls them. */
    private static final class ProbeBackend implements Backend {
        final List<String> pollerNames;
        final List<Pollable> pollables = new ArrayList<>();

        ProbeBackend(int components) {
            pollerNames = new ArrayList<>(Collections.nCopies(components, (String) null));
            for (int i = 0; i < components; i++) {
                int index = i;
                pollables.add(() -> {
                    synchronized (pollerNames) {
                        pollerNames.set(index, Thread.currentThread().getName());
                    }
                    return 0;
                });
            }
        }

        List<String> pollerNames() {
            synchronized (pollerNames) {
                return new ArrayList<>(pollerNames);
            }
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
        public List<Pollable> pollables() {
            return pollables;
        }

        @Override
        public void close() {
        }
    }

    private static void assertCode(Throwable error, ErrorCode code) {
        assertThat(error).isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void shouldAssignComponentsRoundRobinToPollGroups() {
        ProbeBackend probe = new ProbeBackend(5);
        try (Agent agent = Agent.create(Settings.defaults());
             FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).threadNamePrefix("round-robin").build()) {
            agent.attach(settings -> probe);
            runtime.attach(agent);

            Eventually.until("every component polled", () -> !probe.pollerNames().contains(null));
            assertThat(probe.pollerNames())
                    .containsExactly("round-robin-0", "round-robin-1", "round-robin-0", "round-robin-1", "round-robin-0");
            assertThat(runtime.pollGroups()).extracting(PollGroup::name).containsExactly("round-robin-0", "round-robin-1");
        }
    }

    @Test
    void shouldTakeBackProgressOnClose() {
        try (Agent agent = Agent.create(Settings.defaults())) {
            agent.attach(settings -> new ProbeBackend(2));
            FerryRuntime runtime = FerryRuntime.builder().build();
            runtime.attach(agent);
            assertThat(agent.isSelfDriven()).isFalse();
            assertThatThrownBy(agent::poll).satisfies(e -> assertCode(e, ErrorCode.ILLEGAL_STATE));

            runtime.close();

            assertThat(agent.isSelfDriven()).isTrue();
            assertThat(agent.poll()).isZero();
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
    }

    @Test
    void shouldRefuseAttachAfterCloseWithoutTouchingTheAgent() {
        FerryRuntime runtime = FerryRuntime.builder().build();
        runtime.close();
        try (Agent agent = Agent.create(Settings.defaults())) {
            assertThatThrownBy(() -> runtime.attach(agent)).satisfies(e -> assertCode(e, ErrorCode.CLOSED));
            assertThat(agent.isSelfDriven()).isTrue();
        }
    }

    @Test
    void shouldCountErrorsOfEveryGroupAndCallTheConfiguredHandler() {
        Queue<Throwable> handled = new ConcurrentLinkedQueue<>();
        try (FerryRuntime runtime = FerryRuntime.builder().pollGroups(2).errorHandler(handled::add).build()) {
            RuntimeException failure = new RuntimeException("component failed");
            runtime.pollGroups().forEach(group -> group.add(() -> {
                throw failure;
            }));

            // A group counts an error before it calls the handler: wait for what is asserted, the handler's calls.
            Eventually.until("both groups failing", () -> runtime.pollGroups().stream().allMatch(g -> g.errorCount() > 0));
            Eventually.until("the handler called for each group", () -> handled.size() >= 2);
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
