package io.ferry.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ferry.net.LoopDriver.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

class TimerTest {
    private final NetLoop loop = NetLoop.open("timers");

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void shouldFireTimersInDeadlineOrderOnlyOnceTheirDeadlinePassed() {
        List<Integer> fired = new ArrayList<>();
        long now = System.nanoTime();
        long[] deadlines = new long[50];
        Random random = new Random(3);
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < deadlines.length; i++) {
            int index = i;
            deadlines[i] = now + 1_000_000L + random.nextInt(20_000_000);
            Timer timer = loop.timer(() -> {
                assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadlines[index]);
                fired.add(index);
            });
            timer.schedule(deadlines[i]);
            timers.add(timer);
        }
        pollUntil(() -> fired.size() == deadlines.length, loop);

        List<Integer> byDeadline = new ArrayList<>(fired);
        byDeadline.sort((a, b) -> Long.compare(deadlines[a], deadlines[b]));
        assertThat(fired).isEqualTo(byDeadline);
        assertThat(timers).noneMatch(Timer::isScheduled);
    }

    @Test
    void shouldNotFireACancelledTimerAndFireARescheduledOneAtItsNewDeadline() {
        List<String> fired = new ArrayList<>();
        Timer cancelled = loop.timer(() -> fired.add("cancelled"));
        Timer moved = loop.timer(() -> fired.add("moved"));
        Timer marker = loop.timer(() -> fired.add("marker"));
        cancelled.scheduleAfter(1_000_000);
        moved.scheduleAfter(1_000_000);
        marker.scheduleAfter(5_000_000);
        moved.scheduleAfter(10_000_000);
        cancelled.cancel();
        cancelled.cancel();
        pollUntil(() -> fired.size() == 2, loop);

        assertThat(fired).containsExactly("marker", "moved");
    }

    @Test
    void shouldKeepPollingWhenATimerActionThrows() {
        List<Throwable> errors = new ArrayList<>();
        try (NetLoop reporting = NetLoop.open("reporting", errors::add)) {
            List<String> fired = new ArrayList<>();
            reporting.timer(() -> {
                throw new IllegalStateException("boom");
            }).scheduleAfter(0);
            reporting.timer(() -> fired.add("next")).scheduleAfter(1_000_000);
            pollUntil(() -> fired.size() == 1, reporting);

            assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
            assertThat(reporting.errorCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldEndAWaitAtTheNextDeadline() {
        List<String> fired = new ArrayList<>();
        loop.timer(() -> fired.add("due")).scheduleAfter(2_000_000);
        // A wait far longer than the deadline ends at it: the test's own timeout bounds a failure.
        while (fired.isEmpty()) {
            loop.await(60_000_000_000L);
            loop.poll();
        }
        assertThat(fired).containsExactly("due");
    }
}
