package io.ferry.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte comparisons that name the first difference instead of printing megabytes. */
final class Bytes {
    private Bytes() {
    }

    static void assertSame(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("length").isEqualTo(expected.length);
        assertThat(Arrays.mismatch(actual, expected)).as("index of the first differing byte").isEqualTo(-1);
    }

    static void assertSame(byte[] actual, MemorySegment expected) {
        assertSame(actual, expected.toArray(ValueLayout.JAVA_BYTE));
    }

    static void assertSame(MemorySegment actual, MemorySegment expected) {
        assertSame(actual.toArray(ValueLayout.JAVA_BYTE), expected.toArray(ValueLayout.JAVA_BYTE));
    }
}
