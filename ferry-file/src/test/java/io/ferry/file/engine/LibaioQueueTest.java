package io.ferry.file.engine;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileSettings;
import io.ferry.internal.Errno;
import io.ferry.settings.Settings;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The libaio queue against the kernel, below the backend. A partial io_submit caused by EAGAIN
 * cannot be provoked through this queue: the kernel reserves at least twice the requested events
 * per context (fs/aio.c, ioctx_alloc) and the queue never has more than {@code capacity}
 * operations outstanding, so io_submit always finds room. The other cause of a partial io_submit,
 * an iocb the kernel refuses in the middle of a batch, is provoked here with a bad file descriptor;
 * the backend's handling of partial submits is covered on every engine by FaultConformanceTest.
 */
class LibaioQueueTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    private ScratchFile scratch;

    @BeforeEach
    void openFile() {
        assumeTrue(new LibaioEngine().support().supported(), () -> new LibaioEngine().support().reason());
        scratch = new ScratchFile(dir.resolve("data.bin"));
    }

    @AfterEach
    void closeFile() {
        if (scratch != null) {
            scratch.close();
        }
    }

    private static IoQueue open(int depth, int batch) {
        return new LibaioEngine().open(depth, Settings.builder().set(FileSettings.AIO_EVENTS_BATCH, batch).build());
    }

    @Test
    void shouldRefuseEnqueueAtCapacityUntilACompletionIsReaped() {
        MemorySegment buffer = scratch.arena.allocate(BLOCK * 4L, BLOCK);
        try (IoQueue queue = open(3, 64)) {
            assertThat(queue.capacity()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, (long) i * BLOCK, buffer.address() + (long) i * BLOCK, BLOCK, i)).isTrue();
            }
            assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, 3L * BLOCK, buffer.address(), BLOCK, 3)).isFalse();
            assertThat(queue.submit()).isEqualTo(3);
            assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, 3L * BLOCK, buffer.address(), BLOCK, 3)).isFalse();
            List<Long> results = new ArrayList<>();
            while (results.size() < 3) {
                queue.reap((userData, result) -> results.add(result));
            }
            assertThat(results).containsOnly((long) BLOCK);
            assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, 3L * BLOCK, buffer.address(), BLOCK, 3)).isTrue();
            assertThat(queue.submit()).isEqualTo(1);
            while (results.size() < 4) {
                queue.reap((userData, result) -> results.add(result));
            }
        }
    }

    @Test
    void shouldReuseSlotsOverManyRoundsWithMoreOperationsThanTheDepth() {
        int depth = 5;
        int blocks = 3 * depth + 2;
        MemorySegment source = scratch.arena.allocate((long) blocks * BLOCK, BLOCK);
        MemorySegment target = scratch.arena.allocate((long) blocks * BLOCK, BLOCK);
        try (IoQueue queue = open(depth, 2)) {
            for (int round = 0; round < 200; round++) {
                for (long i = 0; i < source.byteSize(); i++) {
                    source.set(JAVA_BYTE, i, (byte) (i * 31 + round));
                }
                target.fill((byte) 0);
                QueueDriver.Op[] writes = new QueueDriver.Op[blocks];
                QueueDriver.Op[] reads = new QueueDriver.Op[blocks];
                for (int b = 0; b < blocks; b++) {
                    long offset = (long) b * BLOCK;
                    writes[b] = new QueueDriver.Op(IoQueue.WRITE, scratch.fd, offset, source.address() + offset, BLOCK);
                    reads[b] = new QueueDriver.Op(IoQueue.READ, scratch.fd, offset, target.address() + offset, BLOCK);
                }
                assertThat(QueueDriver.run(queue, writes).values()).as("round %d writes", round).containsOnly((long) BLOCK);
                assertThat(QueueDriver.run(queue, reads).values()).as("round %d reads", round).containsOnly((long) BLOCK);
                assertThat(target.mismatch(source)).as("round %d", round).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldCompleteAnOperationTheKernelRefusedWithItsErrnoAndSubmitTheRest() {
        MemorySegment buffer = scratch.arena.allocate(3L * BLOCK, BLOCK);
        int badFd = 1_000_000;
        try (IoQueue queue = open(8, 64)) {
            QueueDriver.run(queue, new QueueDriver.Op(IoQueue.WRITE, scratch.fd, 0, buffer.address(), 2 * BLOCK));
            assertThat(queue.enqueue(IoQueue.READ, scratch.fd, 0, buffer.address(), BLOCK, 10)).isTrue();
            assertThat(queue.enqueue(IoQueue.READ, badFd, 0, buffer.address() + BLOCK, BLOCK, 11)).isTrue();
            assertThat(queue.enqueue(IoQueue.READ, scratch.fd, BLOCK, buffer.address() + 2 * BLOCK, BLOCK, 12)).isTrue();
            // io_submit takes the first iocb, refuses the second with EBADF; the queue goes on with the third.
            assertThat(queue.submit()).isEqualTo(3);
            Map<Long, Long> results = new HashMap<>();
            while (results.size() < 3) {
                queue.reap(results::put);
            }
            assertThat(results).containsEntry(10L, (long) BLOCK)
                    .containsEntry(11L, (long) -Errno.EBADF)
                    .containsEntry(12L, (long) BLOCK);
        }
    }

    @Test
    void shouldFailEveryOperationInTheKernelAndEveryLaterOneWhenTheContextIsLost() {
        MemorySegment buffer = scratch.arena.allocate(4L * BLOCK, BLOCK);
        try (IoQueue queue = open(8, 64)) {
            for (int i = 0; i < 3; i++) {
                assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, (long) i * BLOCK, buffer.address() + (long) i * BLOCK, BLOCK, i)).isTrue();
            }
            assertThat(queue.submit()).isEqualTo(3);
            // io_getevents on a context that is not the queue's fails with EINVAL, as on a lost context.
            ((LibaioQueue) queue).callThroughForTest(1);
            Map<Long, Long> results = new HashMap<>();
            queue.reap(results::put);
            assertThat(results).containsOnlyKeys(0L, 1L, 2L).containsValues((long) -Errno.EINVAL);

            ((LibaioQueue) queue).callThroughForTest(0);
            assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, 3L * BLOCK, buffer.address(), BLOCK, 3)).isTrue();
            assertThat(queue.submit()).as("refused without a system call").isEqualTo(1);
            results.clear();
            queue.reap(results::put);
            assertThat(results).containsExactly(Map.entry(3L, (long) -Errno.EINVAL));
        }
    }

    @Test
    void shouldReapAtMostTheEventsBatchPerCall() {
        MemorySegment buffer = scratch.arena.allocate(8L * BLOCK, BLOCK);
        try (IoQueue queue = open(8, 3)) {
            for (int i = 0; i < 8; i++) {
                assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, (long) i * BLOCK, buffer.address() + (long) i * BLOCK, BLOCK, i)).isTrue();
            }
            assertThat(queue.submit()).isEqualTo(8);
            int reaped = 0;
            while (reaped < 8) {
                int count = queue.reap((userData, result) -> assertThat(result).isEqualTo(BLOCK));
                assertThat(count).isBetween(0, 3);
                reaped += count;
            }
            assertThat(queue.reap((userData, result) -> {
                throw new AssertionError("no completion expected");
            })).isZero();
        }
    }

    @Test
    void shouldSubmitNothingWhenNothingIsEnqueuedAndCloseTwice() {
        IoQueue queue = open(4, 64);
        assertThat(queue.submit()).isZero();
        assertThat(queue.reap((userData, result) -> {
            throw new AssertionError("no completion expected");
        })).isZero();
        queue.close();
        queue.close();
    }

    @Test
    void shouldRefuseADepthBelowOneAndAnEventsBatchBelowOne() {
        assertThatThrownBy(() -> open(0, 64)).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> FileSettings.AIO_EVENTS_BATCH.parse("0")).isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING));
    }
}
