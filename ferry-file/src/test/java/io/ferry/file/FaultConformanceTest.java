package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.ErrorCode;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.internal.Errno;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngineRegistry;
import io.ferry.testing.FaultInjectingEngine;
import io.ferry.testing.FaultInjectingIoQueue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend against an engine that misbehaves: it must finish what can be finished, retry what
 * should be retried, and name exactly the descriptor that failed without touching any other.
 */
class FaultConformanceTest extends EngineConformance {
    private static final int CHUNK = 8192;

    private FaultInjectingEngine faulty;

    private FileTarget start(Consumer<FaultInjectingIoQueue> faults, int retryLimit) {
        return start(faults, retryLimit, 1);
    }

    private FileTarget start(Consumer<FaultInjectingIoQueue> faults, int retryLimit, int queueDepth) {
        IoEngineRegistry engines = FileEngines.builtins();
        faulty = new FaultInjectingEngine("faulty", engines.find(engine), faults);
        engines.register(faulty);
        fixture = new FileFixture("faulty", engines, Settings.builder()
                .set(FileSettings.MAX_IO_SIZE, (long) CHUNK)
                .set(FileSettings.QUEUE_DEPTH, queueDepth)
                .set(FileSettings.IO_RETRY_LIMIT, retryLimit));
        return fixture.openReadWrite(dir.resolve("data.bin"));
    }

    private void assertRoundTrip(FileTarget file, MemoryKind kind, int size) {
        byte[] expected = FileFixture.randomBytes(size, size);
        MemorySegment source = kind.allocate(fixture.arena, size);
        FileFixture.fill(source, expected);
        fixture.run(TransferOp.WRITE, Descriptor.of(source, file, 3)).throwIfFailed();
        MemorySegment target = kind.allocate(fixture.arena, size);
        fixture.run(TransferOp.READ, Descriptor.of(target, file, 3)).throwIfFailed();
        assertThat(FileFixture.toBytes(target)).isEqualTo(expected);
    }

    @Test
    void shouldResubmitAfterPartialSubmit() {
        FileTarget file = start(queue -> queue.acceptAtMost(1).refuseSubmitEvery(3), 16, 8);

        assertRoundTrip(file, MemoryKind.NATIVE, 200_001);
        assertRoundTrip(file, MemoryKind.HEAP, 100_003);
        assertThat(faulty.queues().getLast().partialSubmits()).isPositive();
    }

    @Test
    void shouldContinueShortReadsAndWrites() {
        FileTarget file = start(queue -> queue.shortTransfers(1000), 16);
        assertRoundTrip(file, MemoryKind.NATIVE, 50_000);
        assertRoundTrip(file, MemoryKind.HEAP, 20_001);
        assertThat(faulty.queues().getFirst().faultsInjected()).isPositive();
    }

    @Test
    void shouldRetryEagainAndEintr() {
        FileTarget file = start(queue -> queue.eagainEvery(2).failOperation(1, Errno.EINTR), 16);
        assertRoundTrip(file, MemoryKind.NATIVE, 70_000);
        assertRoundTrip(file, MemoryKind.HEAP, 30_000);
    }

    @Test
    void shouldFailWithEagainAfterRetryLimit() {
        FileTarget file = start(queue -> queue.eagainEvery(1), 2);
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, 100);
        TransferStatus status = fixture.run(TransferOp.WRITE, Descriptor.of(memory, file, 0));
        assertThat(status.state()).isEqualTo(TransferState.FAILED);
        assertThat(status.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.index()).isZero();
            assertThat(failure.cause().errno()).isEqualTo(Errno.EAGAIN);
            assertThat(failure.cause().getMessage()).contains("pwrite", "EAGAIN");
        });
    }

    @Test
    void shouldNameTheDescriptorOfAFailedReadAndCompleteTheOthers() throws IOException {
        FileTarget file = start(queue -> queue.failOperation(2, Errno.EIO), 16);
        byte[] content = FileFixture.randomBytes(3 * CHUNK, 5);
        Files.write(file.path(), content);
        MemorySegment[] memory = new MemorySegment[3];
        Descriptor[] descriptors = new Descriptor[3];
        for (int i = 0; i < 3; i++) {
            memory[i] = MemoryKind.NATIVE.allocate(fixture.arena, CHUNK);
            descriptors[i] = Descriptor.of(memory[i], file, (long) i * CHUNK);
        }

        TransferStatus status = fixture.run(TransferOp.READ, descriptors);

        assertThat(status.state()).isEqualTo(TransferState.FAILED);
        DescriptorFailure failure = status.failures().getFirst();
        assertThat(status.failures()).hasSize(1);
        assertThat(failure.index()).isEqualTo(1);
        assertThat(failure.targetOffset()).isEqualTo(CHUNK);
        assertThat(failure.cause().errorCode()).isEqualTo(ErrorCode.IO_ERROR);
        assertThat(failure.cause().errno()).isEqualTo(Errno.EIO);
        assertThat(failure.cause().getMessage()).contains("pread", "EIO", "offset " + CHUNK);
        assertThat(FileFixture.toBytes(memory[0])).isEqualTo(Arrays.copyOfRange(content, 0, CHUNK));
        assertThat(FileFixture.toBytes(memory[2])).isEqualTo(Arrays.copyOfRange(content, 2 * CHUNK, 3 * CHUNK));
    }

    @Test
    void shouldStopAFailedWriteDescriptorAndLeaveTheRestOfTheFileAlone() throws IOException {
        FileTarget file = start(queue -> queue.failOperation(2, Errno.EIO), 16);
        byte[] before = FileFixture.randomBytes(8 * CHUNK, 6);
        Files.write(file.path(), before);
        byte[] first = FileFixture.randomBytes(4 * CHUNK, 7);
        byte[] second = FileFixture.randomBytes(CHUNK, 8);
        MemorySegment firstMemory = MemoryKind.HEAP.allocate(fixture.arena, first.length);
        MemorySegment secondMemory = MemoryKind.NATIVE.allocate(fixture.arena, second.length);
        FileFixture.fill(firstMemory, first);
        FileFixture.fill(secondMemory, second);

        TransferStatus status = fixture.run(TransferOp.WRITE,
                Descriptor.of(firstMemory, file, 0), Descriptor.of(secondMemory, file, 6L * CHUNK));

        assertThat(status.state()).isEqualTo(TransferState.FAILED);
        assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(0);
        byte[] after = Files.readAllBytes(file.path());
        assertThat(Arrays.copyOfRange(after, 0, CHUNK)).as("chunk written before the failure")
                .isEqualTo(Arrays.copyOfRange(first, 0, CHUNK));
        assertThat(Arrays.copyOfRange(after, CHUNK, 6 * CHUNK)).as("failed and skipped chunks, and the gap")
                .isEqualTo(Arrays.copyOfRange(before, CHUNK, 6 * CHUNK));
        assertThat(Arrays.copyOfRange(after, 6 * CHUNK, 7 * CHUNK)).isEqualTo(second);
        assertThat(Arrays.copyOfRange(after, 7 * CHUNK, 8 * CHUNK)).isEqualTo(Arrays.copyOfRange(before, 7 * CHUNK, 8 * CHUNK));
    }
}
