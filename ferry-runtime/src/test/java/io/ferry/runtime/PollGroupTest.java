package io.ferry.runtime;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Pollable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollGroupTest {
    private static final String NAME = "poll-group-test-0";

    private final Queue<Throwable> handled = new ConcurrentLinkedQueue<>();
    private final PollGroup group = new PollGroup(NAME, new BackoffIdleStrategy(10, 1, 1_000, 100_000), handled::add, 8);

    @AfterEach
    void closeGroup() {
        group.close();
    }

    /** Counts its polls and remembers the thread that made the last one. */
    private static final class CountingPollable implements Pollable {
        final AtomicLong polls = new AtomicLong();
        volatile String threadName;

        @Override
        public int poll() {
            threadName = Thread.currentThread().getName();
            polls.incrementAndGet();
            return 0;
        }
    }

    private static void assertCode(Throwable error, ErrorCode code) {
        assertThat(error).isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void shouldPollAddedPollablesOnItsOwnNamedThread() {
        CountingPollable before = new CountingPollable();
        CountingPollable after = new CountingPollable();
        group.add(before);
        group.start();
        group.add(after);

        Eventually.until("both pollables polled", () -> before.polls.get() > 10 && after.polls.get() > 10);
        assertThat(before.threadName).isEqualTo(NAME);
        assertThat(after.threadName).isEqualTo(NAME);
        assertThat(group.name()).isEqualTo(NAME);
        assertThat(group.dutyCycles()).isPositive();
        assertThat(group.errorCount()).isZero();
    }

    @Test
    void shouldKeepPollingAfterPollableThrows() {
        IllegalStateException failure = new IllegalStateException("broken pollable");
        CountingPollable healthy = new CountingPollable();
        group.add(() -> {
            throw failure;
        });
        group.add(healthy);
        group.start();

        // The count is raised before the handler runs: wait for the handler's calls, which are asserted.
        Eventually.until("several errors handled and polls", () -> handled.size() >= 3 && healthy.polls.get() >= 3);
        assertThat(group.errorCount()).isGreaterThanOrEqualTo(3);
        assertThat(handled).allMatch(error -> error == failure);
        Eventually.until("the healthy pollable polled again", () -> healthy.polls.get() >= 100);
        assertThat(Eventually.liveThreadsNamed(NAME)).containsExactly(NAME);
    }

    @Test
    void shouldKeepRunningWhenTheErrorHandlerThrows() {
        CountingPollable healthy = new CountingPollable();
        try (PollGroup fragile = new PollGroup("fragile-poll-group", new YieldingIdleStrategy(), error -> {
            throw new IllegalArgumentException("handler broken too");
        }, 8)) {
            fragile.add(() -> {
                throw new IllegalStateException("broken pollable");
            });
            fragile.add(healthy);
            fragile.start();
            Eventually.until("errors counted and polling going on", () -> fragile.errorCount() >= 3 && healthy.polls.get() >= 3);
        }
    }

    @Test
    void shouldStopPollingRemovedPollable() {
        CountingPollable pollable = new CountingPollable();
        group.add(pollable);
        group.start();
        Eventually.until("polled", () -> pollable.polls.get() > 0);

        group.remove(pollable);
        long cyclesAtRemoval = group.dutyCycles();
        Eventually.until("two more cycles", () -> group.dutyCycles() >= cyclesAtRemoval + 2);
        long pollsAfterRemoval = pollable.polls.get();
        Eventually.until("ten more cycles", () -> group.dutyCycles() >= cyclesAtRemoval + 12);
        assertThat(pollable.polls.get()).isEqualTo(pollsAfterRemoval);
    }

    @Test
    void shouldFailWithQueueFullWhenHandOffQueueIsFull() {
        for (int i = 0; i < 8; i++) {
            group.add(new CountingPollable());
        }
        assertThatThrownBy(() -> group.add(new CountingPollable()))
                .satisfies(e -> assertCode(e, ErrorCode.QUEUE_FULL))
                .hasMessageContaining(NAME);
    }

    @Test
    void shouldCloseIdempotentlyAndLeaveNoLiveThread() {
        group.add(new CountingPollable());
        group.start();
        Eventually.until("running", () -> group.dutyCycles() > 0);

        group.close();
        group.close();

        assertThat(Eventually.liveThreadsNamed(NAME)).isEmpty();
    }

    @Test
    void shouldRefuseAddAndStartAfterClose() {
        group.close();
        assertThatThrownBy(() -> group.add(new CountingPollable())).satisfies(e -> assertCode(e, ErrorCode.CLOSED));
        assertThatThrownBy(group::start).satisfies(e -> assertCode(e, ErrorCode.CLOSED));
        assertThat(Eventually.liveThreadsNamed(NAME)).isEmpty();
    }

    @Test
    void shouldRefuseToStartTwice() {
        group.start();
        assertThatThrownBy(group::start).satisfies(e -> assertCode(e, ErrorCode.ILLEGAL_STATE));
    }

    @Test
    void shouldRefuseToBeClosedFromItsOwnThread() {
        group.add(() -> {
            group.close();
            return 0;
        });
        group.start();

        Eventually.until("the refusal reported", () -> !handled.isEmpty());
        assertCode(handled.peek(), ErrorCode.ILLEGAL_STATE);
        assertThat(Eventually.liveThreadsNamed(NAME)).isEqualTo(List.of(NAME));
    }
}
