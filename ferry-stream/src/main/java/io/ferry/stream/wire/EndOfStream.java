package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * The end of the stream on one channel (type {@link PacketType#END}), a header without payload.
 * {@link #POSITION} is the end of the stream; {@link #SYNC_ID} is the id of the final sync point,
 * which the receiver acknowledges with a {@link SyncAck} once it has committed the destination.
 */
public final class EndOfStream {
    /** Header offset of the end of the stream: {@link PacketHeader#OFFSET}. */
    public static final int POSITION = PacketHeader.OFFSET;
    /** Header offset of the final sync point's number: {@link PacketHeader#LENGTH}. */
    public static final int SYNC_ID = PacketHeader.LENGTH;

    private EndOfStream() {
    }

    /** Writes an END header (checksum not included) for final sync point {@code syncId} and stream end {@code position}. */
    public static void write(ByteBuffer buffer, int at, int channel, long streamId, long sequence, long syncId,
                             long position) {
        PacketHeader.write(buffer, at, PacketType.END, CodecId.NONE, channel, 0, streamId, sequence, position, syncId);
    }

    /** The final sync point's number. */
    public static long syncId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + SYNC_ID);
    }

    /** The end of the stream. */
    public static long position(ByteBuffer buffer, int at) {
        return buffer.getLong(at + POSITION);
    }
}
