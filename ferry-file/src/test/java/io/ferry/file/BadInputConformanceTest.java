package io.ferry.file;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Registration;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad input gets a precise error, and the file is left exactly as it was. */
class BadInputConformanceTest extends EngineConformance {
    private Path path;
    private byte[] original;
    private FileTarget file;
    private MemorySegment memory;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new FileFixture(engine);
        path = dir.resolve("data.bin");
        original = FileFixture.randomBytes(10_000, 3);
        Files.write(path, original);
        file = fixture.openReadWrite(path);
        memory = MemoryKind.NATIVE.allocate(fixture.arena, 4096);
        FileFixture.fill(memory, FileFixture.randomBytes(4096, 4));
    }

    @AfterEach
    void checkFileUntouched() throws IOException {
        if (path != null) {
            assertThat(Files.readAllBytes(path)).as("the file is untouched").isEqualTo(original);
        }
    }

    private static void assertFails(ThrowingCallable call, ErrorCode code, String... phrases) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FerryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(phrases);
        });
    }

    @Test
    void shouldRefuseNegativeAndOverflowingOffsets() {
        assertFails(() -> Descriptor.of(memory, file, -1), ErrorCode.OUT_OF_RANGE, "negative");
        assertFails(() -> Descriptor.of(memory, file, Long.MAX_VALUE - 10), ErrorCode.OUT_OF_RANGE, "overflows");
    }

    @Test
    void shouldRefuseASliceLongerThanItsMemory() {
        assertFails(() -> Descriptor.of(memory, 100, 4000, file, 0), ErrorCode.OUT_OF_RANGE, "does not fit", "4096");
        assertFails(() -> Descriptor.of(memory, -1, 10, file, 0), ErrorCode.OUT_OF_RANGE, "slice [-1");
        assertFails(() -> Descriptor.of(memory, 0, 0, file, 0), ErrorCode.INVALID_ARGUMENT, "empty");
    }

    @Test
    void shouldRefuseAnEmptyTransfer() {
        assertFails(() -> fixture.agent.prepare(TransferOp.WRITE, List.of()), ErrorCode.INVALID_ARGUMENT, "at least one");
    }

    @Test
    void shouldReportReadingPastTheEndOfTheFileOnThatDescriptor() {
        MemorySegment inside = MemoryKind.HEAP.allocate(fixture.arena, 1000);
        MemorySegment past = MemoryKind.HEAP.allocate(fixture.arena, 1000);
        TransferStatus status = fixture.run(TransferOp.READ,
                Descriptor.of(inside, file, 0), Descriptor.of(past, file, 9_500));

        assertThat(status.state()).isEqualTo(TransferState.FAILED);
        assertThat(status.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.index()).isEqualTo(1);
            assertThat(failure.cause().errorCode()).isEqualTo(ErrorCode.END_OF_FILE);
            assertThat(failure.cause().getMessage()).contains("past end of file", "10000", "10500");
        });
        assertThat(FileFixture.toBytes(inside)).isEqualTo(java.util.Arrays.copyOf(original, 1000));
        assertFails(status::throwIfFailed, ErrorCode.END_OF_FILE, "descriptor 1");
    }

    @Test
    void shouldRefuseClosedTargetsAndReleasedTransfers() {
        Transfer transfer = fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, 0)));
        file.close();
        assertFails(transfer::post, ErrorCode.CLOSED, "is closed");
        assertThat(transfer.state()).isEqualTo(TransferState.PREPARED);
        assertFails(() -> fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, 0))),
                ErrorCode.CLOSED, "descriptor 0", "closed");
        transfer.release();
        transfer.release();
        assertFails(transfer::post, ErrorCode.CLOSED, "released");
    }

    @Test
    void shouldRefuseToPostOrReleaseWhileInFlightAndToCloseItsFile() {
        Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, 0)));
        transfer.post();
        assertThat(transfer.state()).isEqualTo(TransferState.POSTED);
        assertFails(transfer::post, ErrorCode.ILLEGAL_STATE, "await");
        assertFails(transfer::release, ErrorCode.ILLEGAL_STATE, "in flight");
        assertFails(file::close, ErrorCode.ILLEGAL_STATE, "in flight");
        assertThat(transfer.await().state()).isEqualTo(TransferState.DONE);
        transfer.release();
        file.close();
    }

    @Test
    void shouldCancelATransferBeforeItTouchesTheFile() {
        Transfer transfer = fixture.agent.prepare(TransferOp.WRITE,
                List.of(Descriptor.of(memory, file, 0), Descriptor.of(memory, file, 5000)));
        transfer.post();
        transfer.cancel();
        TransferStatus status = transfer.await();
        assertThat(status.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(status.failures()).extracting(f -> f.cause().errorCode())
                .containsExactly(ErrorCode.CANCELLED, ErrorCode.CANCELLED);
        transfer.release();
    }

    @Test
    void shouldRefuseWritesToAFileOpenForReading() {
        FileTarget readOnly = fixture.files.open(path, OpenFlag.READ);
        assertFails(() -> fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, readOnly, 0))),
                ErrorCode.INVALID_ARGUMENT, "not opened for writing");
    }

    @Test
    void shouldRefuseATargetOfAnotherAgentAndFreedMemory() {
        try (Agent other = Agent.create()) {
            FileTarget foreign = other.attach(FileBackend.factory()).open(path);
            assertFails(() -> fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, foreign, 0))),
                    ErrorCode.INVALID_ARGUMENT, "does not belong");
        }
        Arena arena = Arena.ofConfined();
        MemorySegment freed = arena.allocate(100);
        Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(freed, file, 0)));
        arena.close();
        assertFails(transfer::post, ErrorCode.CLOSED, "freed");
    }

    @Test
    void shouldRefuseToDeregisterMemoryInUse() {
        Registration registration = fixture.agent.register(memory);
        assertFails(() -> fixture.agent.register(memory.asSlice(10, 10)), ErrorCode.INVALID_ARGUMENT, "overlaps");
        Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, 0)));
        assertFails(registration::close, ErrorCode.ILLEGAL_STATE, "release them first");
        transfer.release();
        registration.close();
        assertThat(registration.isRegistered()).isFalse();
    }

    @Test
    void shouldRefuseAnIoSizeSmallerThanAPageForDirectIo() {
        FileTarget direct;
        try (FileFixture small = new FileFixture(engine, FileEngines.builtins(),
                io.ferry.settings.Settings.builder().set(FileSettings.MAX_IO_SIZE, 1024L))) {
            try {
                direct = small.files.open(path, OpenFlag.READ, OpenFlag.DIRECT);
            } catch (FerryException e) {
                assumeTrue(false, "no O_DIRECT on this file system: " + e.getMessage());
                return;
            }
            MemorySegment buffer = MemoryKind.NATIVE.allocate(small.arena, 4096);
            assertFails(() -> small.agent.prepare(TransferOp.READ, List.of(Descriptor.of(buffer, direct, 0))),
                    ErrorCode.INVALID_SETTING, "MAX_IO_SIZE", "direct-I/O alignment");
        }
    }

    @Test
    void shouldRefuseUseAfterTheAgentIsClosed() {
        fixture.agent.close();
        assertFails(() -> fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, 0))),
                ErrorCode.CLOSED, "agent is closed");
        assertThat(file.isOpen()).isFalse();
    }
}
