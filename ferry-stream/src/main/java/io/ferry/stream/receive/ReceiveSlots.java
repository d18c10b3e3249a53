package io.ferry.stream.receive;

import io.ferry.Memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A fixed pool of native buffers that payloads land in, straight from the connection, and are written
 * from. Each slot has room for one block of data and one compressed payload. The pool bounds the
 * receiver's memory whatever the stream's size; a channel that finds no free slot waits.
 */
public final class ReceiveSlots {
    private final MemorySegment[] data;
    private final MemorySegment[] wire;
    private final ByteBuffer[] dataViews;
    private final ByteBuffer[] wireViews;
    private final int[] free;
    private int freeCount;

    public ReceiveSlots(Arena arena, int count, int blockSize) {
        data = new MemorySegment[count];
        wire = new MemorySegment[count];
        dataViews = new ByteBuffer[count];
        wireViews = new ByteBuffer[count];
        free = new int[count];
        for (int i = 0; i < count; i++) {
            data[i] = Memory.allocate(arena, blockSize);
            wire[i] = Memory.allocate(arena, blockSize);
            dataViews[i] = data[i].asByteBuffer();
            wireViews[i] = wire[i].asByteBuffer();
            free[freeCount++] = i;
        }
    }

    public int count() {
        return data.length;
    }

    /** A free slot's number, or -1 when every slot is in use. */
    public int acquire() {
        return freeCount == 0 ? -1 : free[--freeCount];
    }

    public void release(int slot) {
        free[freeCount++] = slot;
    }

    public boolean allFree() {
        return freeCount == data.length;
    }

    /** Where decoded data of slot {@code slot} is, and is written from. */
    public MemorySegment data(int slot) {
        return data[slot];
    }

    /** Where a compressed payload of slot {@code slot} lands. */
    public MemorySegment wire(int slot) {
        return wire[slot];
    }

    public ByteBuffer dataView(int slot) {
        return dataViews[slot];
    }

    public ByteBuffer wireView(int slot) {
        return wireViews[slot];
    }
}
