package io.ferry.bench;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;

class PatternTest {
    @Test
    void shouldFillUnalignedRangesWithTheBytesOfTheirFileOffsets() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(64);
            Pattern.fill(memory, 3, 45, 1_000_005);

            for (int i = 0; i < 45; i++) {
                assertThat(memory.get(ValueLayout.JAVA_BYTE, 3 + i)).isEqualTo(Pattern.byteAt(1_000_005 + i));
            }
            assertThat(memory.get(ValueLayout.JAVA_BYTE, 2)).isZero();
            assertThat(memory.get(ValueLayout.JAVA_BYTE, 48)).isZero();
        }
    }

    @Test
    void shouldGiveEveryBlockOfTheFileItsOwnContent() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment first = arena.allocate(4096);
            MemorySegment second = arena.allocate(4096);
            Pattern.fill(first, 0, 4096, 0);
            Pattern.fill(second, 0, 4096, 4096);

            assertThat(MemorySegment.mismatch(first, 0, 4096, second, 0, 4096)).isNotNegative();
            assertThat(first.get(ValueLayout.JAVA_LONG_UNALIGNED, 0)).isNotZero();
        }
    }
}
