package io.ferry.poll;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The passive poll group, driven by the test's thread as any application loop would drive it. */
class PollGroupTest {
    private final List<Throwable> handled = new ArrayList<>();
    private final PollGroup group = new PollGroup("group", 4, handled::add);
    private final List<String> events = new ArrayList<>();

    /** Records its lifecycle in {@link #events} and the thread of each call. */
    private class Recording implements Component {
        final String name;
        final List<String> threads = new ArrayList<>();
        int polls;
        int work;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void onStart(PollGroup owner) {
            assertThat(owner).isSameAs(group);
            threads.add(Thread.currentThread().getName());
            events.add("start " + name);
        }

        @Override
        public int poll() {
            threads.add(Thread.currentThread().getName());
            polls++;
            return work;
        }

        @Override
        public void onClose() {
            threads.add(Thread.currentThread().getName());
            events.add("close " + name);
        }
    }

    @Test
    void shouldStartAComponentHandedOverOnTheOwnersNextCycleAndPollItEveryCycle() {
        Recording component = new Recording("a");
        component.work = 2;
        assertThat(group.offer(component)).isTrue();
        assertThat(events).as("nothing runs on the handing thread").isEmpty();

        assertThat(group.poll()).isEqualTo(1 + 2);
        assertThat(group.poll()).isEqualTo(2);

        assertThat(events).containsExactly("start a");
        assertThat(component.polls).isEqualTo(2);
        assertThat(group.contains(component)).isTrue();
        assertThat(group.dutyCycles()).isEqualTo(2);
    }

    @Test
    void shouldCloseARemovedComponentThenTellTheRemover() {
        Recording component = new Recording("a");
        group.offer(component);
        group.poll();
        AtomicBoolean removed = new AtomicBoolean();
        group.remove(component, () -> removed.set(true));
        group.poll();
        group.poll();

        assertThat(removed).isTrue();
        assertThat(events).containsExactly("start a", "close a");
        assertThat(component.polls).as("polled once, before the removal").isEqualTo(1);
    }

    @Test
    void shouldRunMessagesInOrderWithOtherHandOffs() {
        group.execute(() -> events.add("message 1"));
        group.offer(new Recording("a"));
        group.execute(() -> events.add("message 2"));
        group.poll();

        assertThat(events).containsExactly("message 1", "start a", "message 2");
    }

    @Test
    void shouldCountAndHandleWhatAComponentThrowsAndGoOn() {
        IllegalStateException failure = new IllegalStateException("broken");
        Recording healthy = new Recording("healthy");
        group.offer(Component.of("broken", () -> {
            throw failure;
        }));
        group.offer(healthy);
        group.poll();
        group.poll();

        assertThat(group.errorCount()).isEqualTo(2);
        assertThat(handled).containsExactly(failure, failure);
        assertThat(healthy.polls).isEqualTo(2);
    }

    @Test
    void shouldGoOnWhenTheErrorHandlerThrowsToo() {
        PollGroup fragile = new PollGroup("fragile", 4, error -> {
            throw new IllegalArgumentException("handler broken too");
        });
        int[] healthyPolls = new int[1];
        fragile.offer(Component.of("broken", () -> {
            throw new IllegalStateException("broken");
        }));
        fragile.offer(Component.of("healthy", () -> ++healthyPolls[0]));
        fragile.poll();

        assertThat(fragile.errorCount()).isEqualTo(1);
        assertThat(healthyPolls[0]).isEqualTo(1);
    }

    @Test
    void shouldNeverPollAComponentWhoseStartFailedButStillCloseIt() {
        Recording failing = new Recording("failing") {
            @Override
            public void onStart(PollGroup owner) {
                super.onStart(owner);
                throw new IllegalStateException("cannot start");
            }
        };
        group.offer(failing);
        group.poll();
        group.poll();

        assertThat(failing.polls).isZero();
        assertThat(events).containsExactly("start failing", "close failing");
        assertThat(handled).singleElement().extracting(Throwable::getMessage).isEqualTo("cannot start");
    }

    @Test
    void shouldRefuseHandOffsWhenTheInboxIsFull() {
        for (int i = 0; i < 4; i++) {
            assertThat(group.offer(new Recording("c" + i))).isTrue();
        }
        assertThat(group.offer(new Recording("more"))).isFalse();
        assertThat(group.execute(() -> { })).isFalse();

        group.poll();
        assertThat(group.offer(new Recording("more"))).as("room again once drained").isTrue();
    }

    @Test
    void shouldStartPendingComponentsThenCloseAllNewestFirstAndRefuseMore() {
        Recording first = new Recording("first");
        group.offer(first);
        group.poll();
        group.offer(new Recording("pending"));

        group.close();
        group.close();

        assertThat(events).containsExactly("start first", "start pending", "close pending", "close first");
        assertThat(group.isClosed()).isTrue();
        assertThatThrownBy(() -> group.offer(new Recording("late")))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED));
    }

    @Test
    void shouldRunTheLifecycleOnTheThreadThatDrivesTheGroup() throws InterruptedException {
        Recording component = new Recording("a");
        group.offer(component);
        Thread owner = Thread.ofPlatform().name("owner").start(() -> {
            group.poll();
            group.close();
        });
        owner.join();

        assertThat(component.threads).containsOnly("owner").hasSize(3);
    }

    @Test
    void shouldAcceptOneInstalledWaiterAndWakeIt() {
        List<String> calls = new ArrayList<>();
        Waiter replacement = new Waiter() {
            @Override
            public void await(long timeoutNs) {
                calls.add("await");
            }

            @Override
            public void wakeup() {
                calls.add("wakeup");
            }
        };
        group.installWaiter(replacement);
        group.offer(new Recording("a"));

        assertThat(group.waiter()).isSameAs(replacement);
        assertThat(calls).as("a wake-up that raced with the change, then one per hand-off").containsExactly("wakeup", "wakeup");
        assertThatThrownBy(() -> group.installWaiter(replacement))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
    }

    @Test
    void shouldLetTheInstalledWaiterWatchTheCompletionsOfComponentsStartedBeforeAndAfter() {
        List<Integer> watched = new ArrayList<>();
        Waiter loop = new Waiter() {
            @Override
            public void await(long timeoutNs) {
            }

            @Override
            public void wakeup() {
            }

            @Override
            public boolean watch(int fd) {
                return watched.add(fd);
            }
        };
        group.addNow(new Completing("before", 7));
        group.addNow(new Recording("no queue"));
        group.installWaiter(loop);
        group.addNow(new Completing("after", 9));

        assertThat(watched).containsExactly(7, 9);
        assertThat(new PollGroup("parking").waiter().watch(7)).as("a parking waiter cannot watch").isFalse();
    }

    /** A component whose completions a descriptor signals. */
    private record Completing(String name, int readyFd) implements Component {
        @Override
        public int poll() {
            return 0;
        }
    }

    @Test
    void shouldReturnAtOnceFromAWaitWhenWokenBefore() {
        group.wakeup();
        group.waiter().await(TimeUnit.MINUTES.toNanos(10));
        // Reaching here is the assertion; the test's timeout fails a wait that does not end.
    }

    @Test
    void shouldEndTheOwnersWaitWhenAnotherThreadHandsOverWork() throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread owner = Thread.ofPlatform().start(() -> {
            waiting.countDown();
            while (group.poll() == 0) {
                group.waiter().await(TimeUnit.MINUTES.toNanos(10));
            }
        });
        waiting.await();
        group.offer(new Recording("work"));
        owner.join(TimeUnit.MINUTES.toMillis(1));

        assertThat(owner.isAlive()).isFalse();
        assertThat(events).containsExactly("start work");
    }

    @Test
    void shouldPlaceRoundRobin() {
        List<PollGroup> groups = List.of(new PollGroup("g0"), new PollGroup("g1"), new PollGroup("g2"));
        Placement placement = Placement.roundRobin();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chosen.add(placement.choose(groups, new Recording("c" + i)).name());
        }
        assertThat(chosen).containsExactly("g0", "g1", "g2", "g0", "g1");
    }
}
