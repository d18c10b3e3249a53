package io.ferry.stream.prepare;

import io.ferry.Memory;
import io.ferry.stream.wire.PacketHeader;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Native memory that holds one packet in one piece: the payload starts at {@link #PAYLOAD_AT}
 * (page-aligned) and the 64-byte header goes right in front of it, at {@link #HEADER_AT}, so a
 * packet is one contiguous range whether its payload was read there by a source or compressed there
 * by an encoder. After the payload is {@link #TAIL_ROOM} bytes of room, so that a transport may write
 * a packet rounded up to whole pages.
 *
 * <p>Two {@link ByteBuffer} views are made once: {@link #buffer()} for reading and writing fields at
 * absolute indexes (cleared on each call), and {@link #sendView()}, which a {@link PreparedPacket}
 * hands to a transport with its position and limit set to the packet.
 */
public final class PacketBuffer {
    /** The page size in bytes: the buffer's alignment, and the unit a transport may round a packet up to. */
    public static final int PAGE = 4096;
    /** Where the payload starts: one page in. */
    public static final int PAYLOAD_AT = PAGE;
    /** Where the header starts: right in front of the payload. */
    public static final int HEADER_AT = PAYLOAD_AT - PacketHeader.SIZE;
    /** The room after the largest payload, in bytes. */
    public static final int TAIL_ROOM = PAGE;

    private final int id;
    private final int capacity;
    private final MemorySegment memory;
    private final ByteBuffer buffer;
    private final ByteBuffer sendView;

    /**
     * A buffer in native memory from {@code arena}, page-aligned, with room for a header, a payload of
     * {@code capacity} bytes and {@link #TAIL_ROOM}.
     *
     * @param id       a number unique among the buffers of one stream side (transports may key caches by it)
     * @param capacity the largest payload
     */
    public PacketBuffer(Arena arena, int id, int capacity) {
        this.id = id;
        this.capacity = capacity;
        this.memory = Memory.allocate(arena, PAYLOAD_AT + (long) capacity + TAIL_ROOM, PAGE);
        this.buffer = memory.asByteBuffer();
        this.sendView = memory.asByteBuffer();
    }

    /**
     * How many buffer ids a sender of {@code channels} channels uses: a batch per channel and one for
     * the producer, and each channel's preparer's three (ids {@code [0, idsOfSender)}).
     */
    public static int idsOfSender(int channels) {
        return 4 * channels + 1;
    }

    /** The buffer's id, unique among the buffers of one stream side. */
    public int id() {
        return id;
    }

    /** The largest payload. */
    public int capacity() {
        return capacity;
    }

    /** All of the memory: headroom, payload room and tail room. */
    public MemorySegment memory() {
        return memory;
    }

    /** The working view over all of {@link #memory()}, cleared (position 0, limit at the capacity). */
    public ByteBuffer buffer() {
        return buffer.clear();
    }

    /** The view handed to transports; only {@link PreparedPacket} moves its position and limit. */
    ByteBuffer sendView() {
        return sendView;
    }
}
