package io.ferry.file.engine;

import io.ferry.file.FileEngines;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An asynchronous engine's queue offers a descriptor that epoll reports readable exactly while completions wait. */
class ReadyFdTest {
    private static final int BLOCK = 4096;
    private static final long SECONDS_10 = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "libaio"})
    void shouldPollReadableWhileACompletionWaitsAndQuietOnceReaped(String name) {
        IoEngine engine = FileEngines.builtins().find(name);
        assumeTrue(engine.support().supported(), () -> name + " unavailable: " + engine.support().reason());
        try (ScratchFile file = new ScratchFile(dir.resolve("data.bin")); IoQueue queue = engine.open(4, Settings.defaults())) {
            int epfd = Epoll.create(file.errno);
            MemorySegment events = file.arena.allocate(4L * Epoll.EVENT_SIZE, 8);
            MemorySegment timespec = file.arena.allocate(16, 8);
            try {
                assertThat(Epoll.add(file.errno, epfd, queue.readyFd(), Epoll.EPOLLIN, 7, file.arena.allocate(16, 8)))
                        .isNotNegative();
                assertThat(await(file.errno, epfd, events, timespec, 0)).as("nothing outstanding").isZero();

                MemorySegment block = file.arena.allocate(BLOCK, BLOCK);
                assertThat(queue.enqueue(IoQueue.WRITE, file.fd, 0, block.address(), BLOCK, 1)).isTrue();
                assertThat(queue.submit()).isEqualTo(1);
                assertThat(await(file.errno, epfd, events, timespec, SECONDS_10)).as("readable once it completed").isEqualTo(1);

                List<Long> results = new ArrayList<>();
                for (int i = 0; i < 1_000 && results.isEmpty(); i++) {
                    queue.reap((userData, result) -> results.add(result));
                }
                assertThat(results).containsExactly((long) BLOCK);
                assertThat(await(file.errno, epfd, events, timespec, 0)).as("reaped: quiet again").isZero();
            } finally {
                LibC.close(file.errno, epfd);
            }
        }
    }

    /** epoll_wait, again after EINTR (io_uring's completion work interrupts a wait), up to {@code timeoutNs}. */
    private static int await(MemorySegment errno, int epfd, MemorySegment events, MemorySegment timespec, long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        while (true) {
            int ready = Epoll.await(errno, epfd, events, 4, Math.max(0, deadline - System.nanoTime()), timespec);
            if (ready != -Errno.EINTR) {
                return ready;
            }
        }
    }
}
