package io.ferry.file.engine;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.internal.linux.LibC;
import io.ferry.settings.Settings;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoEngineRegistry;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An engine's own system call fails (io_uring_enter, io_submit) while a transfer runs: the
 * transfer fails, naming every descriptor it concerns with the errno, nothing stays in flight, and
 * once the call works again the same agent moves bytes as before.
 */
class EngineFailureTest {
    private static final int CHUNK = 64 * 1024;
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The named engine, keeping the queues it opens so that the test can make their calls fail. */
    private static final class Kept<Q extends IoQueue> implements IoEngine {
        final IoEngine inner;
        final List<Q> queues = new ArrayList<>();

        Kept(IoEngine inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "kept";
        }

        @Override
        public String description() {
            return inner.description() + ", queues kept for the test";
        }

        @Override
        public EngineSupport support() {
            return inner.support();
        }

        @Override
        @SuppressWarnings("unchecked")
        public IoQueue open(int depth, Settings settings) {
            Q queue = (Q) inner.open(depth, settings);
            queues.add(queue);
            return queue;
        }
    }

    private static Agent agent(IoEngine engine) {
        Agent agent = Agent.create(Settings.builder()
                .set(FileSettings.FILE_ENGINE, "kept")
                .set(FileSettings.MAX_IO_SIZE, (long) CHUNK)
                .build());
        agent.attach(FileBackend.factory(new IoEngineRegistry().register(engine)));
        return agent;
    }

    @Test
    void shouldFailTheTransferWhenIoUringEnterFailsAndWorkOnceItWorksAgain() throws IOException {
        IoUringEngine engine = new IoUringEngine();
        assumeTrue(engine.support().supported(), () -> engine.support().reason());
        Kept<CachedReadsQueue> kept = new Kept<>(engine);
        int notARing = openPlainFile();
        try {
            runFailureAndRecovery(kept, broken -> kept.queues.forEach(
                    q -> ((IoUringQueue) q.inner()).enterThroughForTest(broken ? notARing : -1)), "EOPNOTSUPP");
        } finally {
            closeFd(notARing);
        }
    }

    @Test
    void shouldFailTheTransferWhenIoSubmitFailsAndWorkOnceItWorksAgain() throws IOException {
        LibaioEngine engine = new LibaioEngine();
        assumeTrue(engine.support().supported(), () -> engine.support().reason());
        Kept<LibaioQueue> kept = new Kept<>(engine);
        // A context that is not the queue's: io_submit answers EINVAL, as for a context the kernel lost.
        runFailureAndRecovery(kept, broken -> kept.queues.forEach(q -> q.callThroughForTest(broken ? 1 : 0)), "EINVAL");
    }

    private void runFailureAndRecovery(Kept<?> kept, Consumer<Boolean> breakCalls, String errnoName) throws IOException {
        Path path = dir.resolve("data.bin");
        byte[] before = random(4 * CHUNK, 1);
        Files.write(path, before);
        try (Agent agent = agent(kept); Arena arena = Arena.ofShared()) {
            FileTarget file = ((FileBackend) agent.backend(FileBackend.NAME)).open(path, OpenFlag.READ, OpenFlag.WRITE);
            MemorySegment memory = Memory.allocate(arena, 4L * CHUNK);
            byte[] written = random(4 * CHUNK, 2);
            MemorySegment.copy(MemorySegment.ofArray(written), 0, memory, 0, written.length);
            List<Descriptor> descriptors = List.of(
                    Descriptor.of(memory, 0, CHUNK, file, 0),
                    Descriptor.of(memory, CHUNK, 2L * CHUNK, file, CHUNK),
                    Descriptor.of(memory, 3L * CHUNK, CHUNK, file, 3L * CHUNK));
            Transfer write = agent.prepare(TransferOp.WRITE, descriptors);
            assertThat(kept.queues).isNotEmpty();

            breakCalls.accept(true);
            write.post();
            TransferStatus failed = write.await(AWAIT);

            assertThat(failed.state()).isEqualTo(TransferState.FAILED);
            assertThat(failed.failures()).extracting(DescriptorFailure::index).containsExactly(0, 1, 2);
            assertThat(failed.failures()).allSatisfy(f -> assertThat(f.cause()).hasMessageContaining(errnoName));
            assertThat(Files.readAllBytes(path)).as("nothing was written").isEqualTo(before);

            breakCalls.accept(false);
            write.post();
            assertThat(write.await(AWAIT).state()).isEqualTo(TransferState.DONE);
            assertThat(Files.readAllBytes(path)).isEqualTo(written);
            MemorySegment readBack = Memory.allocate(arena, 4L * CHUNK);
            Transfer read = agent.prepare(TransferOp.READ, List.of(Descriptor.of(readBack, file, 0)));
            read.post();
            assertThat(read.await(AWAIT).state()).isEqualTo(TransferState.DONE);
            assertThat(readBack.mismatch(memory)).isEqualTo(-1);
        }
    }

    private int openPlainFile() {
        try (Arena arena = Arena.ofConfined()) {
            int fd = LibC.open(LibC.newErrnoState(arena), dir.resolve("not-a-ring").toString(),
                    LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0644);
            assertThat(fd).isNotNegative();
            return fd;
        }
    }

    private static void closeFd(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            LibC.close(LibC.newErrnoState(arena), fd);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
