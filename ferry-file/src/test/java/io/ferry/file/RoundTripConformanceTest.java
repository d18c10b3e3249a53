package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte-exact writes and reads on every engine, for every kind of memory, many sizes and odd offsets. */
class RoundTripConformanceTest extends EngineConformance {
    private static final int[] SIZES = {1, 511, 4096, 4097, 65_535, 65_536, 65_537, 300_001};
    private static final long[] OFFSETS = {0, 1, 4095, 4096, 123_457};

    @BeforeEach
    void setUp() {
        // A small I/O size and queue so that even these sizes are split, queued and bounced many times.
        fixture = new FileFixture(engine, FileEngines.builtins(), smallIos());
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void shouldRoundTripEverySizeAtOddOffsets(MemoryKind kind) throws IOException {
        fixture.assertRoundTrips(fixture.openReadWrite(dir.resolve("data.bin")), kind, SIZES, OFFSETS);
    }

    @Test
    void shouldMoveManyDescriptorsOfMixedMemoryInOneTransfer() throws IOException {
        Path path = dir.resolve("scatter.bin");
        FileTarget file = fixture.openReadWrite(path);
        int count = 64;
        List<Descriptor> writes = new ArrayList<>();
        List<Descriptor> reads = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        MemoryKind[] kinds = MemoryKind.values();
        for (int i = 0; i < count; i++) {
            int size = 1_000 + i * 777;
            long offset = (count - 1 - i) * 60_000L + i;
            byte[] bytes = FileFixture.randomBytes(size, 100 + i);
            MemorySegment source = kinds[i % kinds.length].allocate(fixture.arena, size);
            FileFixture.fill(source, bytes);
            writes.add(Descriptor.of(source, file, offset));
            reads.add(Descriptor.of(kinds[(i + 1) % kinds.length].allocate(fixture.arena, size), file, offset));
            expected.add(bytes);
        }
        fixture.run(TransferOp.WRITE, writes.toArray(Descriptor[]::new)).throwIfFailed();
        fixture.run(TransferOp.READ, reads.toArray(Descriptor[]::new)).throwIfFailed();

        byte[] onDisk = Files.readAllBytes(path);
        for (int i = 0; i < count; i++) {
            assertThat(FileFixture.toBytes(reads.get(i).memory())).as("descriptor %d", i).isEqualTo(expected.get(i));
            int offset = (int) writes.get(i).targetOffset();
            assertThat(Arrays.copyOfRange(onDisk, offset, offset + expected.get(i).length)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void shouldPostAPreparedTransferAgainAndAgain() {
        FileTarget file = fixture.openReadWrite(dir.resolve("again.bin"));
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, 100_000);
        MemorySegment readBack = MemoryKind.HEAP.allocate(fixture.arena, 100_000);
        try (Transfer write = fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, 7)));
             Transfer read = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(readBack, file, 7)))) {
            for (int round = 0; round < 20; round++) {
                byte[] bytes = FileFixture.randomBytes(100_000, round);
                FileFixture.fill(memory, bytes);
                write.post();
                assertThat(write.await().state()).isEqualTo(TransferState.DONE);
                read.post();
                assertThat(read.await().state()).isEqualTo(TransferState.DONE);
                assertThat(FileFixture.toBytes(readBack)).as("round %d", round).isEqualTo(bytes);
            }
        }
    }

    @Test
    void shouldSpreadOneTransferOverSeveralShards() {
        fixture.close();
        fixture = new FileFixture(engine, FileEngines.builtins(), Settings.builder()
                .set(FileSettings.FILE_SHARDS, 3)
                .set(FileSettings.MAX_IO_SIZE, 4096L)
                .set(FileSettings.QUEUE_DEPTH, 2));
        FileTarget file = fixture.openReadWrite(dir.resolve("shards.bin"));
        byte[] bytes = FileFixture.randomBytes(1_000_003, 9);
        MemorySegment source = MemoryKind.HEAP.allocate(fixture.arena, bytes.length);
        FileFixture.fill(source, bytes);
        MemorySegment second = MemoryKind.NATIVE.allocate(fixture.arena, 5);
        FileFixture.fill(second, new byte[] {1, 2, 3, 4, 5});
        fixture.run(TransferOp.WRITE, Descriptor.of(source, file, 0), Descriptor.of(second, file, 2_000_000))
                .throwIfFailed();

        MemorySegment target = MemoryKind.NATIVE.allocate(fixture.arena, bytes.length);
        fixture.run(TransferOp.READ, Descriptor.of(target, file, 0)).throwIfFailed();
        assertThat(FileFixture.toBytes(target)).isEqualTo(bytes);
    }
}
