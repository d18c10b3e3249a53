package io.ferry.stream.prepare;

import java.nio.ByteBuffer;

/**
 * One packet ready to move: {@link #length()} bytes of {@link #buffer()} from {@link #start()}, header
 * and payload in one piece. A reusable view, refilled by each {@link PacketPreparer} call; the memory
 * belongs to the channel until its send op reports the packet sent.
 */
public final class PreparedPacket {
    private PacketBuffer buffer;
    private int start;
    private int length;

    /** An empty view; the preparers of this package make and refill it. */
    PreparedPacket() {
    }

    void set(PacketBuffer buffer, int start, int length) {
        this.buffer = buffer;
        this.start = start;
        this.length = length;
    }

    /** The buffer that holds the packet. */
    public PacketBuffer packetBuffer() {
        return buffer;
    }

    /** The buffer's view, with position and limit set to the packet. */
    public ByteBuffer buffer() {
        return buffer.sendView().limit(start + length).position(start);
    }

    /** Where the packet starts in the buffer: the index of its header. */
    public int start() {
        return start;
    }

    /** The packet's length in bytes, header and payload. */
    public int length() {
        return length;
    }
}
