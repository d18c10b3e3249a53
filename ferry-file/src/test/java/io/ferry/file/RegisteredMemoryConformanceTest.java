package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Registration;
import io.ferry.TransferOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Memory registered with the agent moves byte-exact on every engine (io_uring issues it as fixed
 * buffers, the others ignore registration), through buffered and O_DIRECT files; a closed
 * registration's memory can be freed at once and its id serves the next registration.
 */
class RegisteredMemoryConformanceTest extends EngineConformance {
    private static final int[] SIZES = {1, 4096, 4097, 65_537, 300_001};
    private static final long[] OFFSETS = {0, 1, 4096, 123_457};
    private static final int REGION_BYTES = 1 << 20;

    @BeforeEach
    void setUp() {
        fixture = new FileFixture(engine, FileEngines.builtins(), smallIos());
    }

    /** {@code skew} 0 gives page-aligned slices (no bounce buffer on O_DIRECT), 1 unaligned ones. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void shouldRoundTripRegisteredMemory(int skew) throws IOException {
        MemorySegment region = Memory.allocate(fixture.arena, REGION_BYTES);
        fixture.agent.register(region);
        fixture.assertRoundTrips(fixture.openReadWrite(dir.resolve("buffered.bin")), slicesOf(region, skew), SIZES, OFFSETS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void shouldRoundTripRegisteredMemoryOnDirectFiles(int skew) throws IOException {
        FileTarget file;
        try {
            file = fixture.files.open(dir.resolve("direct.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE,
                    OpenFlag.DIRECT);
        } catch (FerryException e) {
            assumeTrue(false, "no O_DIRECT on this file system: " + e.getMessage());
            return;
        }
        MemorySegment region = Memory.allocate(fixture.arena, REGION_BYTES);
        fixture.agent.register(region);
        fixture.assertRoundTrips(file, slicesOf(region, skew), SIZES, OFFSETS);
    }

    @Test
    void shouldFreeDeregisteredMemoryAndReuseItsIdForNewMemory() {
        FileTarget file = fixture.openReadWrite(dir.resolve("reuse.bin"));
        Registration kept = fixture.agent.register(Memory.allocate(fixture.arena, 4096));
        for (int round = 0; round < 8; round++) {
            Arena arena = Arena.ofShared();
            MemorySegment memory = Memory.allocate(arena, 70_000);
            Registration registration = fixture.agent.register(memory);
            assertThat(registration.id()).as("round %d", round).isEqualTo(kept.id() + 1);
            byte[] bytes = FileFixture.randomBytes(70_000, round);
            FileFixture.fill(memory, bytes);
            fixture.run(TransferOp.WRITE, Descriptor.of(memory, file, round)).throwIfFailed();
            memory.fill((byte) 0);
            fixture.run(TransferOp.READ, Descriptor.of(memory, file, round)).throwIfFailed();
            assertThat(FileFixture.toBytes(memory)).as("round %d", round).isEqualTo(bytes);

            registration.close();
            assertThat(registration.isRegistered()).isFalse();
            arena.close();
        }
    }

    /**
     * Slices of {@code region} one after another, wrapping to the start, each starting {@code skew}
     * bytes past a page boundary; two consecutive slices never overlap.
     */
    private static IntFunction<MemorySegment> slicesOf(MemorySegment region, int skew) {
        long[] next = {0};
        return size -> {
            long start = ((next[0] + 4095) & -4096L) + skew;
            if (start + size > region.byteSize()) {
                start = skew;
            }
            next[0] = start + size;
            return region.asSlice(start, size);
        };
    }
}
