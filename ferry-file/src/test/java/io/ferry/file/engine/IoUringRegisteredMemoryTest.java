package io.ferry.file.engine;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.file.DrivenGroups;
import io.ferry.Registration;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoEngineRegistry;
import io.ferry.spi.IoQueue;
import io.ferry.testing.FaultInjectingEngine;
import io.ferry.testing.FaultInjectingIoQueue;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Memory registered with the agent, through the file backend on io_uring: its I/O really goes out
 * as READ_FIXED/WRITE_FIXED, deregistration reaches every shard's ring before
 * {@link Registration#close()} returns, and nothing stays pinned or open after close.
 */
@Timeout(120)
class IoUringRegisteredMemoryTest {
    private static final String ENGINE = "io_uring-observed";
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** The io_uring queues the backend opened, wrapped in counting queues that inject no fault. */
    private final List<IoUringQueue> rings = new CopyOnWriteArrayList<>();
    private final List<CachedReadsQueue> policies = new CopyOnWriteArrayList<>();
    private FaultInjectingEngine counting;

    @BeforeEach
    void setUp() {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
    }

    private Agent agent(int shards) {
        return agent(shards, null);
    }

    /** An agent over an observed io_uring engine; driven by the caller, or by {@code groups}' threads. */
    private Agent agent(int shards, DrivenGroups groups) {
        IoEngine observed = new IoEngine() {
            @Override
            public String name() {
                return "io_uring-inner";
            }

            @Override
            public String description() {
                return "io_uring, queues kept for the test";
            }

            @Override
            public EngineSupport support() {
                return new IoUringEngine().support();
            }

            @Override
            public IoQueue open(int depth, Settings settings) {
                CachedReadsQueue queue = (CachedReadsQueue) new IoUringEngine().open(depth, settings);
                policies.add(queue);
                rings.add((IoUringQueue) queue.inner());
                return queue;
            }
        };
        counting = new FaultInjectingEngine(ENGINE, observed, queue -> {
        });
        Settings settings = Settings.builder()
                .set(FileSettings.FILE_ENGINE, ENGINE)
                .set(FileSettings.FILE_SHARDS, shards)
                .set(FileSettings.MAX_IO_SIZE, 65_536L)
                .build();
        Agent agent = groups == null ? Agent.create(settings) : groups.agent(settings);
        agent.attach(FileBackend.factory(new IoEngineRegistry().register(counting)));
        return agent;
    }

    private static FileBackend files(Agent agent) {
        return (FileBackend) agent.backend(FileBackend.NAME);
    }

    private long operations() {
        return counting.queues().stream().mapToLong(FaultInjectingIoQueue::operations).sum();
    }

    private long fixedOperations() {
        return rings.stream().mapToLong(IoUringQueue::fixedOperations).sum();
    }

    /** I/Os that went out fixed, or were reads of buffered files served from the page cache without the ring. */
    private long fixedOrCached() {
        return fixedOperations() + policies.stream().mapToLong(CachedReadsQueue::inlineReads).sum();
    }

    @Test
    void shouldIssueEveryIoOfRegisteredMemoryAsAFixedOperation() {
        try (Agent agent = agent(1); Arena arena = Arena.ofShared()) {
            FileTarget file = files(agent).open(dir.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
            MemorySegment registered = Memory.allocate(arena, 2L * MIB);
            agent.register(registered);
            assertRoundTrip(agent, file, registered, 7);
            assertThat(operations()).isEqualTo(32);
            assertThat(fixedOrCached()).as("every I/O of registered memory is fixed (or a cached read)").isEqualTo(32);

            long fixedBefore = fixedOperations();
            assertRoundTrip(agent, file, Memory.allocate(arena, 2L * MIB), 7);
            assertThat(operations()).isEqualTo(64);
            assertThat(fixedOperations()).as("unregistered memory uses plain I/O").isEqualTo(fixedBefore);
        }
    }

    /**
     * On an O_DIRECT file an unaligned descriptor has a direct middle and buffered ends. When the
     * memory is as far from a page boundary as the file offset, the middle goes to the device from the
     * memory itself, and every part is fixed. Otherwise the middle is bounced (the bounce buffer is
     * not registered) and only the ends, which go to the buffered twin from the memory, are fixed.
     */
    @Test
    void shouldIssueDirectAndBufferedPartsOfRegisteredMemoryAsFixedOperations() {
        try (Agent agent = agent(1); Arena arena = Arena.ofShared()) {
            FileTarget file;
            try {
                file = files(agent).open(dir.resolve("direct.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE,
                        OpenFlag.DIRECT);
            } catch (FerryException e) {
                assumeTrue(false, "no O_DIRECT on this file system: " + e.getMessage());
                return;
            }
            MemorySegment registered = Memory.allocate(arena, 2L * MIB);
            agent.register(registered);
            long length = MIB - 200;
            assertRoundTrip(agent, file, registered.asSlice(100, length), registered.asSlice(MIB + 100, length), 100);
            assertThat(operations()).isEqualTo(2 * (1 + 16 + 1));
            assertThat(fixedOrCached()).as("memory at the file offset's distance from a page").isEqualTo(operations());

            assertRoundTrip(agent, file, registered.asSlice(0, length), registered.asSlice(MIB, length), 100);
            assertThat(operations()).isEqualTo(4 * (1 + 16 + 1));
            assertThat(fixedOrCached()).as("plus the buffered head and tail of each transfer").isEqualTo(36 + 4);
        }
    }

    @Test
    void shouldDeregisterOnEveryShardBeforeCloseReturnsAndReuseTheSlot() {
        long pinnedBefore = ProcSelf.pinnedKibibytes();
        try (Agent agent = agent(3)) {
            FileTarget file = files(agent).open(dir.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
            Arena first = Arena.ofShared();
            MemorySegment memory = Memory.allocate(first, 2L * MIB);
            Registration registration = agent.register(memory);
            agent.poll();
            for (IoUringQueue ring : rings) {
                assertThat(ProcSelf.ringBuffers(ring.ringFd()))
                        .containsExactly(registration.id() + ": 0x" + Long.toHexString(memory.address()) + "/" + 2 * MIB);
            }
            assertThat(ProcSelf.pinnedKibibytes()).as("pinned once per ring").isEqualTo(pinnedBefore + 3 * 2048);

            Transfer prepared = agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, 0)));
            assertThatThrownBy(registration::close).isInstanceOfSatisfying(FerryException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
            prepared.release();
            registration.close();
            for (IoUringQueue ring : rings) {
                assertThat(ring.registeredBuffers()).isZero();
                assertThat(ProcSelf.ringBuffers(ring.ringFd())).isEmpty();
            }
            assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore);
            first.close();

            try (Arena second = Arena.ofShared()) {
                MemorySegment next = Memory.allocate(second, 2L * MIB);
                assertThat(agent.register(next).id()).as("the freed id is reused").isEqualTo(registration.id());
                assertRoundTrip(agent, file, next, 0);
                assertThat(fixedOrCached()).isEqualTo(32);
            }
        }
    }

    /** When other threads poll the shards, close waits until they have let go of the memory. */
    @Test
    void shouldDeregisterWhileAnotherThreadDrivesTheAgent() throws InterruptedException {
        long pinnedBefore = ProcSelf.pinnedKibibytes();
        try (DrivenGroups groups = new DrivenGroups(2); Agent agent = agent(2, groups); Arena arena = Arena.ofShared()) {
            FileTarget file = files(agent).open(dir.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
            MemorySegment memory = Memory.allocate(arena, 2L * MIB);
            Registration registration = agent.register(memory);
            assertRoundTrip(agent, file, memory, 0);
            registration.close();
            assertThat(rings).extracting(IoUringQueue::registeredBuffers).containsOnly(0);
            assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore);
            assertThat(fixedOrCached()).isEqualTo(32);
        }
    }

    @Test
    void shouldFallBackForRegisteredMemoryTheKernelRefuses() throws IOException {
        Path mappedPath = dir.resolve("mapped.bin");
        Files.write(mappedPath, new byte[2 * MIB]);
        try (Agent agent = agent(1); Arena arena = Arena.ofShared();
             FileChannel channel = FileChannel.open(mappedPath, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileTarget file = files(agent).open(dir.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 2L * MIB, arena);
            agent.register(mapped);
            agent.poll();
            assumeTrue(rings.getFirst().refusedBuffers() == 1, "this kernel registers shared file mappings");
            assertRoundTrip(agent, file, mapped, 0);
            assertThat(fixedOperations()).isZero();
        }
    }

    @Test
    void shouldLeaveNoDescriptorMappingOrPinnedMemoryAfterTheAgentCloses() {
        long fdsBefore = ProcSelf.openDescriptors();
        long mapsBefore = ProcSelf.ringMappings();
        long pinnedBefore = ProcSelf.pinnedKibibytes();
        Registration registration;
        try (Arena arena = Arena.ofShared()) {
            try (Agent agent = agent(2)) {
                FileTarget file = files(agent).open(dir.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE,
                        OpenFlag.CREATE);
                MemorySegment memory = Memory.allocate(arena, 2L * MIB);
                registration = agent.register(memory);
                agent.register(Memory.allocate(arena, MIB));
                assertRoundTrip(agent, file, memory, 0);
                assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore + 2 * 3072);
            }
            assertThat(registration.isRegistered()).isFalse();
            registration.close();
        }
        assertThat(ProcSelf.pinnedKibibytes()).isEqualTo(pinnedBefore);
        assertThat(ProcSelf.openDescriptors()).isEqualTo(fdsBefore);
        assertThat(ProcSelf.ringMappings()).isEqualTo(mapsBefore);
    }

    /** {@link #assertRoundTrip(Agent, FileTarget, MemorySegment, MemorySegment, long)} from and to halves of {@code memory}. */
    private static void assertRoundTrip(Agent agent, FileTarget file, MemorySegment memory, long offset) {
        long half = memory.byteSize() / 2;
        assertRoundTrip(agent, file, memory.asSlice(0, half), memory.asSlice(half, half), offset);
    }

    /** Writes random bytes from {@code source} at {@code offset}, reads them back into {@code target}, compares. */
    private static void assertRoundTrip(Agent agent, FileTarget file, MemorySegment source, MemorySegment target,
                                        long offset) {
        byte[] expected = new byte[(int) source.byteSize()];
        new Random(offset).nextBytes(expected);
        MemorySegment.copy(MemorySegment.ofArray(expected), 0, source, 0, expected.length);
        target.fill((byte) 0);
        run(agent, TransferOp.WRITE, Descriptor.of(source, file, offset));
        run(agent, TransferOp.READ, Descriptor.of(target, file, offset));
        assertThat(target.toArray(JAVA_BYTE)).isEqualTo(expected);
    }

    private static void run(Agent agent, TransferOp op, Descriptor descriptor) {
        try (Transfer transfer = agent.prepare(op, List.of(descriptor))) {
            transfer.post();
            transfer.await().throwIfFailed();
        }
    }
}
