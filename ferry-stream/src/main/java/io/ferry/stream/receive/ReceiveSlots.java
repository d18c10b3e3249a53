package io.ferry.stream.receive;

import io.ferry.stream.prepare.PacketBuffer;

import java.lang.foreign.Arena;

/**
 * A fixed pool of native buffers that payloads land in, straight from the connection, and are written
 * from. Each slot has room for one block of data and one compressed payload, both at
 * {@link PacketBuffer#PAYLOAD_AT}. The pool bounds the receiver's memory whatever the stream's size; a
 * channel that finds no free slot waits.
 */
public final class ReceiveSlots {
    private final PacketBuffer[] data;
    private final PacketBuffer[] wire;
    private final int[] free;
    private int freeCount;

    public ReceiveSlots(Arena arena, int count, int blockSize) {
        data = new PacketBuffer[count];
        wire = new PacketBuffer[count];
        free = new int[count];
        for (int i = 0; i < count; i++) {
            data[i] = new PacketBuffer(arena, i, blockSize);
            wire[i] = new PacketBuffer(arena, i, blockSize);
            free[freeCount++] = i;
        }
    }

    /** A free slot's number, or -1 when every slot is in use. */
    public int acquire() {
        return freeCount == 0 ? -1 : free[--freeCount];
    }

    public void release(int slot) {
        free[freeCount++] = slot;
    }

    /** Where decoded (or raw) data of slot {@code slot} is, and is written from. */
    public PacketBuffer data(int slot) {
        return data[slot];
    }

    /** Where a compressed payload of slot {@code slot} lands. */
    public PacketBuffer wire(int slot) {
        return wire[slot];
    }
}
