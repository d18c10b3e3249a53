package io.ferry.net;

import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class WakeupTest {
    private static final long FOREVER_NS = 600_000_000_000L;

    private final NetLoop loop = NetLoop.open("wakeup");

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void shouldReturnAtOnceWhenWokenBeforeTheWait() {
        loop.wakeup();
        loop.await(FOREVER_NS);
        // Reaching here is the assertion: the test's timeout would fail a wait that did not end.
        assertThat(loop.poll()).isGreaterThanOrEqualTo(0);
    }

    /** Waits in the loop on another thread, runs {@code end} once that thread is about to wait, and says whether the wait ended. */
    private boolean waitEndsBy(Runnable end) throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean woken = new AtomicBoolean();
        Thread owner = Thread.ofPlatform().start(() -> {
            waiting.countDown();
            loop.await(FOREVER_NS);
            woken.set(true);
        });
        waiting.await();
        end.run();
        owner.join(TimeUnit.SECONDS.toMillis(60));
        return woken.get();
    }

    @Test
    void shouldEndAWaitWhenAnotherThreadWakesTheLoop() throws InterruptedException {
        // Whether the owner is already inside epoll_wait or not, the wake-up must end its wait.
        assertThat(waitEndsBy(loop::wakeup)).isTrue();
    }

    @Test
    void shouldNeverLoseAWakeupRacingWithTheWait() throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong handed = new java.util.concurrent.atomic.AtomicLong();
        long rounds = 20_000;
        Thread producer = Thread.ofPlatform().start(() -> {
            for (long i = 1; i <= rounds; i++) {
                handed.set(i);
                loop.wakeup();
                while (handed.get() != 0 && !done.get()) {
                    Thread.onSpinWait();
                }
            }
        });
        long seen = 0;
        while (seen < rounds) {
            long value = handed.get();
            if (value != 0) {
                seen = value;
                handed.set(0);
                continue;
            }
            loop.await(FOREVER_NS);
            loop.poll();
        }
        done.set(true);
        producer.join();
        assertThat(seen).isEqualTo(rounds);
    }

    @Test
    void shouldEndAWaitWhileAWatchedDescriptorIsReadableAndLeaveItToItsOwner() throws InterruptedException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            MemorySegment scratch = arena.allocate(8, 8);
            int eventfd = Epoll.eventfd(errno);
            assertThat(eventfd).isNotNegative();
            try {
                assertThat(loop.watch(eventfd)).isTrue();
                assertThat(waitEndsBy(() -> Epoll.signal(errno, eventfd, scratch)))
                        .as("a completion ends the wait, as a socket would").isTrue();
                assertThat(loop.poll()).as("still readable: seen, and left to its owner").isEqualTo(1);

                loop.unwatch(eventfd);
                assertThat(loop.poll()).as("no longer watched").isZero();
            } finally {
                LibC.close(errno, eventfd);
            }
        }
    }
}
