package io.ferry;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Ways to get memory for descriptors. All Ferry data lives in {@link MemorySegment}s: native
 * aligned memory takes the zero-copy path of every engine; heap memory is served through bounce
 * buffers. The caller keeps memory alive until every transfer that uses it has completed.
 */
public final class Memory {
    /** The alignment of {@link #allocate(Arena, long)}, enough for direct I/O on common devices. */
    public static final long DEFAULT_ALIGNMENT = 4096;

    private Memory() {
    }

    /** Native memory of {@code size} bytes aligned to {@link #DEFAULT_ALIGNMENT}, freed with its arena. */
    public static MemorySegment allocate(Arena arena, long size) {
        return allocate(arena, size, DEFAULT_ALIGNMENT);
    }

    /** Native memory of {@code size} bytes aligned to {@code alignment} (a power of two). */
    public static MemorySegment allocate(Arena arena, long size, long alignment) {
        Objects.requireNonNull(arena, "arena");
        if (size <= 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "memory size must be positive: " + size);
        }
        if (alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "alignment must be a power of two: " + alignment);
        }
        return arena.allocate(size, alignment);
    }

    /** The whole array as memory; transfers go through bounce buffers. */
    public static MemorySegment wrap(byte[] array) {
        return MemorySegment.ofArray(Objects.requireNonNull(array, "array"));
    }

    /** {@code length} bytes of the array from {@code offset}. */
    public static MemorySegment wrap(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(array, "array").length);
        return MemorySegment.ofArray(array).asSlice(offset, length);
    }

    /** The buffer's bytes from its position to its limit; a direct buffer is native memory. */
    public static MemorySegment wrap(ByteBuffer buffer) {
        return MemorySegment.ofBuffer(Objects.requireNonNull(buffer, "buffer"));
    }
}
