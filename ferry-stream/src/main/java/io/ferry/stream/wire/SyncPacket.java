package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * A sync point (type {@link PacketType#SYNC}), a header without payload. It reuses two header
 * fields: {@link #POSITION} is the stream position below which the sender had produced everything
 * when it placed the sync; {@link #SYNC_ID} numbers sync points from 1.
 */
public final class SyncPacket {
    public static final int POSITION = PacketHeader.OFFSET;
    public static final int SYNC_ID = PacketHeader.LENGTH;

    private SyncPacket() {
    }

    public static void write(ByteBuffer buffer, int at, int channel, long streamId, long sequence, long syncId,
                             long position) {
        PacketHeader.write(buffer, at, PacketType.SYNC, CodecId.NONE, channel, 0, streamId, sequence, position, syncId);
    }

    public static long syncId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + SYNC_ID);
    }

    public static long position(ByteBuffer buffer, int at) {
        return buffer.getLong(at + POSITION);
    }
}
