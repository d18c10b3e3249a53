package io.ferry.file.engine;

import io.ferry.Memory;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The io_uring queue's registered buffers, driven directly: memory inside a registered buffer goes
 * out as READ_FIXED/WRITE_FIXED (counted by the queue, listed by the kernel in fdinfo); anything the
 * table or the kernel refuses falls back to the plain opcodes and stays byte-exact.
 */
@Timeout(60)
class IoUringFixedBuffersTest {
    private static final int BLOCK = 4096;
    private static final int BLOCKS = 32;

    @TempDir
    Path dir;

    @AutoClose
    private ScratchFile scratch;

    @BeforeEach
    void setUp() {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
        scratch = new ScratchFile(dir.resolve("data.bin"));
    }

    @Test
    void shouldIssueFixedOperationsForMemoryInsideARegisteredBuffer() {
        MemorySegment memory = Memory.allocate(scratch.arena, 2L * BLOCKS * BLOCK);
        try (IoUringQueue queue = new IoUringQueue(8, false)) {
            queue.bufferRegistered(3, memory.address(), memory.byteSize());
            assertThat(queue.registeredBuffers()).isEqualTo(1);
            assertThat(ProcSelf.ringBuffers(queue.ringFd()))
                    .containsExactly("3: 0x" + Long.toHexString(memory.address()) + "/" + memory.byteSize());

            assertRoundTrip(queue, memory, 3);
            assertThat(queue.fixedOperations()).isEqualTo(2 * BLOCKS);

            queue.bufferDeregistering(3);
            assertThat(queue.registeredBuffers()).isZero();
            assertThat(ProcSelf.ringBuffers(queue.ringFd())).isEmpty();
            assertRoundTrip(queue, memory, 3);
            assertThat(queue.fixedOperations()).as("no fixed operation after deregistration").isEqualTo(2 * BLOCKS);
        }
    }

    @Test
    void shouldUsePlainOperationsForMemoryOutsideTheNamedBuffer() {
        MemorySegment registered = Memory.allocate(scratch.arena, BLOCK);
        MemorySegment other = Memory.allocate(scratch.arena, 2L * BLOCKS * BLOCK);
        try (IoUringQueue queue = new IoUringQueue(8, false)) {
            queue.bufferRegistered(0, registered.address(), registered.byteSize());
            assertRoundTrip(queue, other, 0);
            assertThat(queue.fixedOperations()).isZero();
        }
    }

    @Test
    void shouldFallBackWhenTheTableHasNoSlotForTheBuffer() {
        MemorySegment memory = Memory.allocate(scratch.arena, 2L * BLOCKS * BLOCK);
        try (IoUringQueue queue = new IoUringQueue(8, false, 2)) {
            queue.bufferRegistered(2, memory.address(), memory.byteSize());
            assertThat(queue.refusedBuffers()).isEqualTo(1);
            assertThat(queue.registeredBuffers()).isZero();
            assertRoundTrip(queue, memory, 2);
            assertThat(queue.fixedOperations()).isZero();
        }
    }

    @Test
    void shouldRefuseABufferAboveOneGibibyteWithoutPinningIt() {
        MemorySegment memory = Memory.allocate(scratch.arena, 2L * BLOCKS * BLOCK);
        long pinnedBefore = ProcSelf.pinnedKibibytes();
        try (IoUringQueue queue = new IoUringQueue(8, false)) {
            // Only the address is handed over: the queue refuses the length before the kernel sees it.
            queue.bufferRegistered(0, memory.address(), FixedBuffers.MAX_BUFFER_BYTES + 1);
            assertThat(queue.refusedBuffers()).isEqualTo(1);
            assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore);
            assertRoundTrip(queue, memory, 0);
            assertThat(queue.fixedOperations()).isZero();
        }
    }

    /**
     * The kernel cannot pin a shared mapping of a regular file for a long-term registration (it
     * refuses with EFAULT or EOPNOTSUPP): registered memory the kernel refuses stays correct.
     */
    @Test
    void shouldFallBackWhenTheKernelRefusesTheMemory() throws IOException {
        Path mappedPath = dir.resolve("mapped.bin");
        Files.write(mappedPath, new byte[2 * BLOCKS * BLOCK]);
        try (FileChannel channel = FileChannel.open(mappedPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared();
             IoUringQueue queue = new IoUringQueue(8, false)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 2L * BLOCKS * BLOCK, arena);
            queue.bufferRegistered(1, mapped.address(), mapped.byteSize());
            assumeTrue(queue.refusedBuffers() == 1, "this kernel registers shared file mappings");
            assertThat(queue.registeredBuffers()).isZero();
            assertRoundTrip(queue, mapped, 1);
            assertThat(queue.fixedOperations()).isZero();
        }
    }

    @Test
    void shouldUnpinEveryBufferWhenTheQueueCloses() {
        MemorySegment memory = Memory.allocate(scratch.arena, 1 << 20);
        long pinnedBefore = ProcSelf.pinnedKibibytes();
        long fdsBefore = ProcSelf.openDescriptors();
        long mapsBefore = ProcSelf.ringMappings();
        IoUringQueue queue = new IoUringQueue(8, false);
        for (int i = 0; i < 4; i++) {
            queue.bufferRegistered(i, memory.address() + i * (1L << 18), 1L << 18);
        }
        assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore + 1024);
        queue.close();
        assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore);
        assertThat(ProcSelf.openDescriptors()).isEqualTo(fdsBefore);
        assertThat(ProcSelf.ringMappings()).isEqualTo(mapsBefore);
    }

    /** Writes random blocks from the first half of {@code memory}, reads them into the second half, compares. */
    private void assertRoundTrip(IoQueue queue, MemorySegment memory, int buffer) {
        byte[] expected = new byte[BLOCKS * BLOCK];
        new Random(buffer).nextBytes(expected);
        MemorySegment.copy(MemorySegment.ofArray(expected), 0, memory, 0, expected.length);
        QueueDriver.Op[] writes = new QueueDriver.Op[BLOCKS];
        QueueDriver.Op[] reads = new QueueDriver.Op[BLOCKS];
        long half = (long) BLOCKS * BLOCK;
        for (int b = 0; b < BLOCKS; b++) {
            long offset = (long) b * BLOCK;
            writes[b] = new QueueDriver.Op(IoQueue.WRITE, scratch.fd, offset, memory.address() + offset, BLOCK, buffer);
            reads[b] = new QueueDriver.Op(IoQueue.READ, scratch.fd, offset, memory.address() + half + offset, BLOCK, buffer);
        }
        assertThat(QueueDriver.run(queue, writes).values()).containsOnly((long) BLOCK);
        assertThat(QueueDriver.run(queue, reads).values()).containsOnly((long) BLOCK);
        assertThat(memory.asSlice(half, half).toArray(JAVA_BYTE)).isEqualTo(expected);
    }
}
