package io.ferry.file.engine;

import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.settings.Settings;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The io_uring queue driven directly: ring wrap-around, capacity, partial submission and raw errors. */
@Timeout(60)
class IoUringQueueTest {
    private static final int BLOCK = 512;

    @TempDir
    Path dir;

    private ScratchFile scratch;

    @BeforeEach
    void setUp() {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
        scratch = new ScratchFile(dir.resolve("data.bin"));
    }

    @AfterEach
    void tearDown() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void shouldWrapAroundTheRingManyTimesWithExactBytes() {
        try (IoQueue queue = new IoUringEngine().open(4, Settings.builder().build())) {
            assertWritesAndReadsBack(queue, 1000);
        }
    }

    @Test
    void shouldWrapAroundWithAKernelThreadPollingTheRing() {
        IoQueue queue;
        try {
            queue = new IoUringQueue(8, true);
        } catch (FerryException e) {
            assumeTrue(false, "SQPOLL refused here: " + e.getMessage());
            return;
        }
        try (queue) {
            assertWritesAndReadsBack(queue, 500);
        }
    }

    @Test
    void shouldRefuseEnqueueWhenCapacityOperationsAreOutstanding() {
        MemorySegment buffer = Memory.allocate(scratch.arena, BLOCK * 8L);
        try (IoQueue queue = new IoUringEngine().open(5, Settings.builder().build())) {
            assertThat(queue.capacity()).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, (long) i * BLOCK, buffer.address() + (long) i * BLOCK, BLOCK, i))
                        .isTrue();
            }
            assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, 0, buffer.address(), BLOCK, 99)).isFalse();
            List<Long> results = drain(queue, 5);
            assertThat(results).containsOnly((long) BLOCK);
            assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, 0, buffer.address(), BLOCK, 5)).isTrue();
            assertThat(drain(queue, 1)).containsExactly((long) BLOCK);
        }
    }

    @Test
    void shouldLimitCapacityToTheLargestRingTheKernelGives() {
        try (IoQueue queue = new IoUringQueue(40_000, false)) {
            assertThat(queue.capacity()).isEqualTo(IoUringConstants.MAX_ENTRIES);
        }
    }

    @Test
    void shouldDeliverABadDescriptorAsANegativeResult() {
        MemorySegment buffer = Memory.allocate(scratch.arena, BLOCK);
        try (IoQueue queue = new IoUringEngine().open(2, Settings.builder().build())) {
            assertThat(queue.enqueue(IoQueue.READ, 1_000_000, 0, buffer.address(), BLOCK, 7)).isTrue();
            assertThat(drain(queue, 1)).containsExactly((long) -Errno.EBADF);
        }
    }

    /**
     * A buffer address outside user space fails when the kernel prepares the entry (Linux 6.10 and later
     * check it there); submission stops after it, so the kernel consumes fewer entries than offered and
     * the next submit must offer the rest. Older kernels fail it later and take all four at once.
     */
    @Test
    void shouldOfferTheRestAgainAfterAPartialSubmit() {
        MemorySegment buffer = Memory.allocate(scratch.arena, BLOCK * 4L);
        long kernelAddress = 0xffff_ffff_ffff_0000L;
        try (IoQueue queue = new IoUringEngine().open(4, Settings.builder().build())) {
            for (int i = 0; i < 4; i++) {
                long address = i == 1 ? kernelAddress : buffer.address() + (long) i * BLOCK;
                assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, (long) i * BLOCK, address, BLOCK, i)).isTrue();
            }
            int first = queue.submit();
            assertThat(first).isBetween(1, 4);
            int total = first;
            for (int round = 0; total < 4 && round < 1000; round++) {
                total += queue.submit();
            }
            assertThat(total).isEqualTo(4);
            long[] results = new long[4];
            int reaped = 0;
            while (reaped < 4) {
                reaped += queue.reap((userData, result) -> results[(int) userData] = result);
            }
            assertThat(results).containsExactly(BLOCK, -Errno.EFAULT, BLOCK, BLOCK);
            assumeTrue(first < 4, "this kernel checks the buffer at issue time; no partial submit to observe");
        }
    }

    /**
     * The thread that polls an agent may change while I/O is in flight (Transfer.await on another
     * thread, or a hand-off to a runtime), so completions of operations one thread submitted must
     * reach another thread's reap while the submitter sleeps. Direct reads of a device complete in
     * interrupt context and are posted as task work of the submitting thread, which the kernel wakes
     * to post them; a ring set up with DEFER_TASKRUN would break this (only the submitter could reap).
     * The reads are 1 MiB each and reaping starts 100 ms after the submitter went to sleep, so they
     * complete while it sleeps.
     */
    @Test
    void shouldDeliverCompletionsToAnotherThreadWhileTheSubmitterSleeps() throws Exception {
        int directFd = LibC.open(scratch.errno, dir.resolve("direct.bin").toString(),
                LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC | LibC.O_DIRECT, 0644);
        assumeTrue(directFd >= 0, "O_DIRECT refused by this file system");
        int blocks = 8;
        int size = 1 << 20;
        MemorySegment buffer = Memory.allocate(scratch.arena, (long) blocks * size);
        try (IoQueue queue = new IoUringEngine().open(blocks, Settings.builder().build())) {
            runAllOn(queue, directFd, IoQueue.WRITE, buffer, blocks, size);
            long[] submitted = new long[1];
            Thread submitter = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < blocks; i++) {
                    queue.enqueue(IoQueue.READ, directFd, (long) i * size, buffer.address() + (long) i * size, size, i);
                }
                submitted[0] = queue.submit();
                synchronized (submitted) {
                    submitted.notifyAll();
                    try {
                        submitted.wait(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            while (submitter.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            assertThat(submitted[0]).isEqualTo(blocks);
            Thread.sleep(100);
            List<Long> results = new ArrayList<>();
            long deadlineNs = System.nanoTime() + 10_000_000_000L;
            while (results.size() < blocks && System.nanoTime() - deadlineNs < 0) {
                queue.reap((userData, result) -> results.add(result));
            }
            synchronized (submitted) {
                submitted.notifyAll();
            }
            submitter.join();
            assertThat(results).hasSize(blocks).containsOnly((long) size);
        } finally {
            LibC.close(scratch.errno, directFd);
        }
    }

    @Test
    void shouldUseARegisteredFileAndForgetItOnClose() {
        try (IoUringQueue queue = new IoUringQueue(8, false)) {
            queue.fileOpened(scratch.fd);
            assertThat(queue.registeredFiles()).isEqualTo(1);
            assertWritesAndReadsBack(queue, 64);
            queue.fileClosing(scratch.fd);
            assertThat(queue.registeredFiles()).isZero();
            assertWritesAndReadsBack(queue, 16);
        }
    }

    /** Writes {@code blocks} random blocks through the queue, reads them back through it, compares. */
    private void assertWritesAndReadsBack(IoQueue queue, int blocks) {
        byte[] expected = new byte[blocks * BLOCK];
        new Random(42).nextBytes(expected);
        MemorySegment source = Memory.allocate(scratch.arena, expected.length);
        MemorySegment.copy(MemorySegment.ofArray(expected), 0, source, 0, expected.length);
        MemorySegment target = Memory.allocate(scratch.arena, expected.length);
        runAll(queue, IoQueue.WRITE, source, blocks);
        runAll(queue, IoQueue.READ, target, blocks);
        assertThat(target.toArray(JAVA_BYTE)).isEqualTo(expected);
    }

    /** Keeps the queue full with one operation per block until every block completed in full. */
    private void runAll(IoQueue queue, int opcode, MemorySegment memory, int blocks) {
        runAllOn(queue, scratch.fd, opcode, memory, blocks, BLOCK);
    }

    /** {@link #runAll} on any descriptor and block size. */
    private static void runAllOn(IoQueue queue, int fd, int opcode, MemorySegment memory, int blocks, int blockSize) {
        int next = 0;
        int[] done = new int[1];
        boolean[] completed = new boolean[blocks];
        while (done[0] < blocks) {
            while (next < blocks && queue.enqueue(opcode, fd, (long) next * blockSize,
                    memory.address() + (long) next * blockSize, blockSize, next)) {
                next++;
            }
            queue.submit();
            queue.reap((userData, result) -> {
                assertThat(result).as("block %d", userData).isEqualTo(blockSize);
                assertThat(completed[(int) userData]).as("block %d completed twice", userData).isFalse();
                completed[(int) userData] = true;
                done[0]++;
            });
        }
    }

    /** Submits and reaps until {@code count} completions arrived; returns their results. */
    private static List<Long> drain(IoQueue queue, int count) {
        List<Long> results = new ArrayList<>();
        while (results.size() < count) {
            queue.submit();
            queue.reap((userData, result) -> results.add(result));
        }
        return results;
    }

    @Test
    void shouldCompleteEntriesAFailedEnterCouldNotSubmitWithItsErrnoAndWorkAgainAfter() {
        MemorySegment buffer = Memory.allocate(scratch.arena, BLOCK * 4L);
        int notARing = scratch.open(dir.resolve("plain-file"), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC);
        try (IoUringQueue queue = new IoUringQueue(8, false)) {
            queue.enterThroughForTest(notARing);
            for (int i = 0; i < 3; i++) {
                assertThat(queue.enqueue(IoQueue.WRITE, scratch.fd, (long) i * BLOCK, buffer.address() + (long) i * BLOCK, BLOCK, i))
                        .isTrue();
            }
            assertThat(queue.submit()).as("counted as taken, to complete with the error").isEqualTo(3);
            java.util.Map<Long, Long> results = new java.util.HashMap<>();
            queue.reap(results::put);
            assertThat(results).containsOnlyKeys(0L, 1L, 2L).containsValues((long) -Errno.EOPNOTSUPP);

            queue.enterThroughForTest(-1);
            assertWritesAndReadsBack(queue, 3);
        } finally {
            LibC.close(scratch.errno, notARing);
        }
    }
}
