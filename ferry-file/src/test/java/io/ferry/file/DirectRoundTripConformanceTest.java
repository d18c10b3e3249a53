package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * O_DIRECT files serve every request, whatever its alignment: a user never needs to know the
 * rules. Sizes and offsets straddle pages; memory is heap, native, unaligned native.
 */
class DirectRoundTripConformanceTest extends EngineConformance {
    private static final int[] SIZES = {1, 511, 4096, 4097, 8191, 12_288, 65_537, 300_001};
    private static final long[] OFFSETS = {0, 1, 511, 4095, 4096, 123_457};

    private FileTarget file;
    private Path path;

    @BeforeEach
    void setUp() {
        fixture = new FileFixture(engine, FileEngines.builtins(), smallIos());
        path = dir.resolve("direct.bin");
        try {
            file = fixture.files.open(path, OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.DIRECT);
        } catch (FerryException e) {
            assumeTrue(false, "no O_DIRECT on this file system: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void shouldRoundTripUnalignedSizesAndOffsets(MemoryKind kind) throws IOException {
        fixture.assertRoundTrips(file, kind, SIZES, OFFSETS);
    }

    @Test
    void shouldKeepBothWritesOfNeighbouringBytesInOnePage() throws IOException {
        byte[] before = FileFixture.randomBytes(3 * 4096, 40);
        Files.write(path, before);
        byte[] left = FileFixture.randomBytes(1000, 41);
        byte[] right = FileFixture.randomBytes(2000, 42);
        MemorySegment leftMemory = MemoryKind.NATIVE.allocate(fixture.arena, left.length);
        MemorySegment rightMemory = MemoryKind.HEAP.allocate(fixture.arena, right.length);
        FileFixture.fill(leftMemory, left);
        FileFixture.fill(rightMemory, right);

        fixture.run(TransferOp.WRITE, Descriptor.of(leftMemory, file, 4096 + 10),
                Descriptor.of(rightMemory, file, 4096 + 1010)).throwIfFailed();

        byte[] expected = before.clone();
        System.arraycopy(left, 0, expected, 4096 + 10, left.length);
        System.arraycopy(right, 0, expected, 4096 + 1010, right.length);
        assertThat(Files.readAllBytes(path)).isEqualTo(expected);
    }

    @Test
    void shouldNotGrowTheFileBeyondAnUnalignedWrite() throws IOException {
        MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, 5000);
        FileFixture.fill(memory, FileFixture.randomBytes(5000, 43));
        fixture.run(TransferOp.WRITE, Descriptor.of(memory, file, 0)).throwIfFailed();
        assertThat(Files.size(path)).isEqualTo(5000);
    }
}
