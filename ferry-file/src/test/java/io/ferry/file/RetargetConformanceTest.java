package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A prepared transfer moved along a file with retarget reads and writes exactly where it was moved to. */
class RetargetConformanceTest extends EngineConformance {
    private static final int BLOCK = 4096;

    private Path path;
    private byte[] content;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new FileFixture(engine);
        path = dir.resolve("data.bin");
        content = FileFixture.randomBytes(64 * BLOCK, 11);
        Files.write(path, content);
    }

    @Test
    void shouldReadEveryBlockOfAFileWithTwoTransfersMovedAlong() {
        FileTarget file = fixture.openReadWrite(path);
        MemorySegment first = MemoryKind.NATIVE.allocate(fixture.arena, BLOCK);
        MemorySegment second = MemoryKind.HEAP.allocate(fixture.arena, BLOCK);
        try (Transfer a = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(first, file, 0)));
             Transfer b = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(second, file, 0)))) {
            for (int block = 0; block < 64; block += 2) {
                a.retarget(0, (long) block * BLOCK);
                b.retarget(0, (long) (block + 1) * BLOCK);
                a.post();
                b.post();
                a.await().throwIfFailed();
                b.await().throwIfFailed();
                assertThat(FileFixture.toBytes(first)).isEqualTo(block(block));
                assertThat(FileFixture.toBytes(second)).isEqualTo(block(block + 1));
                assertThat(a.targetOffset(0)).isEqualTo((long) block * BLOCK);
            }
        }
    }

    @Test
    void shouldWriteWhereTheDescriptorWasMoved() throws IOException {
        FileTarget file = fixture.openReadWrite(path);
        byte[] bytes = FileFixture.randomBytes(BLOCK, 12);
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, BLOCK);
        FileFixture.fill(memory, bytes);
        try (Transfer write = fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, 0)))) {
            write.retarget(0, 10L * BLOCK + 5);
            write.post();
            write.await().throwIfFailed();
        }
        byte[] expected = content.clone();
        System.arraycopy(bytes, 0, expected, 10 * BLOCK + 5, BLOCK);
        assertThat(Files.readAllBytes(path)).isEqualTo(expected);
    }

    @Test
    void shouldReportTheRetargetedOffsetOfAFailure() {
        FileTarget file = fixture.openReadWrite(path);
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, BLOCK);
        try (Transfer read = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, 0)))) {
            read.retarget(0, 100L * BLOCK);
            read.post();
            TransferStatus status = read.await();
            assertThat(status.state()).isEqualTo(TransferState.FAILED);
            assertThat(status.failures().getFirst().targetOffset()).isEqualTo(100L * BLOCK);
            assertThat(status.failures().getFirst().cause().errorCode()).isEqualTo(ErrorCode.END_OF_FILE);
        }
    }

    @Test
    void shouldRefuseBadOffsetsAndChangeNothing() {
        FileTarget file = fixture.openReadWrite(path);
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, BLOCK);
        try (Transfer read = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, file, BLOCK)))) {
            assertCode(() -> read.retarget(0, -1), ErrorCode.OUT_OF_RANGE);
            assertCode(() -> read.retarget(0, Long.MAX_VALUE - 10), ErrorCode.OUT_OF_RANGE);
            assertThatThrownBy(() -> read.retarget(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            read.post();
            assertCode(() -> read.retarget(0, 0), ErrorCode.ILLEGAL_STATE);
            read.await().throwIfFailed();
            assertThat(read.targetOffset(0)).isEqualTo(BLOCK);
            assertThat(FileFixture.toBytes(memory)).isEqualTo(block(1));
        }
    }

    @Test
    void shouldMoveADirectDescriptorToAnUnalignedOffset() {
        FileTarget direct;
        try {
            direct = fixture.files.open(path, OpenFlag.READ, OpenFlag.DIRECT);
        } catch (FerryException e) {
            assumeTrue(false, "no O_DIRECT here: " + e.getMessage());
            return;
        }
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, BLOCK);
        try (Transfer read = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, direct, 0)))) {
            read.retarget(0, 3L * BLOCK + 100);
            read.post();
            read.await().throwIfFailed();
            assertThat(FileFixture.toBytes(memory)).isEqualTo(Arrays.copyOfRange(content, 3 * BLOCK + 100, 4 * BLOCK + 100));
            read.retarget(0, 3L * BLOCK);
            read.post();
            read.await().throwIfFailed();
            assertThat(FileFixture.toBytes(memory)).isEqualTo(block(3));
        }
    }

    private byte[] block(int index) {
        return Arrays.copyOfRange(content, index * BLOCK, (index + 1) * BLOCK);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
