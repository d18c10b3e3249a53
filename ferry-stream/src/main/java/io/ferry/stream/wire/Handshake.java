package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * The first 64 bytes a sender writes on each channel (docs/design/stream.md, "Channel handshake"):
 * which stream the channel belongs to, its id among how many, the stream's codec and block size, and
 * an opaque token the receiver may require. The receiver maps channels by id, so they may connect in
 * any order; it refuses a duplicate id, an id out of range and a stream or token it does not expect.
 */
public final class Handshake {
    /** The handshake's size in bytes. */
    public static final int SIZE = 64;
    /** The magic number every handshake starts with: "FRYH". */
    public static final int MAGIC_VALUE = 0x46525948;
    /** The version of the handshake format this code writes and reads. */
    public static final int VERSION_VALUE = 1;
    /** The most channels a stream may have. */
    public static final int MAX_CHANNELS = 256;
    /** The smallest block size a stream may have, in bytes. */
    public static final int MIN_BLOCK_SIZE = 4096;
    /** The largest block size a stream may have, in bytes (16 MiB). */
    public static final int MAX_BLOCK_SIZE = 16 << 20;
    /** The token's length in bytes. */
    public static final int TOKEN_LENGTH = 32;

    /** Offset of the magic number, u32: {@link #MAGIC_VALUE}. */
    public static final int MAGIC = 0;
    /** Offset of the format version, u8: {@link #VERSION_VALUE}. */
    public static final int VERSION = 4;
    /** Offset of the stream's codec, u8: a {@link CodecId}. */
    public static final int CODEC = 5;
    /** Offset of the flags, u8; none are defined, so it must be 0. */
    public static final int FLAGS = 6;
    /** Offset of a reserved byte, which must be zero. */
    public static final int RESERVED1 = 7;
    /** Offset of this channel's id, u32: 0 to the channel count less one. */
    public static final int CHANNEL = 8;
    /** Offset of the stream's number of channels, u32: 1 to {@link #MAX_CHANNELS}. */
    public static final int CHANNEL_COUNT = 12;
    /** Offset of the stream id, u64. */
    public static final int STREAM_ID = 16;
    /** Offset of the block size, u32: the largest payload, a power of two. */
    public static final int BLOCK_SIZE = 24;
    /** Offset of four reserved bytes, which must be zero. */
    public static final int RESERVED2 = 28;
    /** Offset of the token, {@link #TOKEN_LENGTH} bytes: zero when there is none. */
    public static final int TOKEN = 32;

    private Handshake() {
    }

    /** Writes a handshake; {@code token} has {@link #TOKEN_LENGTH} bytes. */
    public static void write(ByteBuffer buffer, int at, long streamId, int channel, int channelCount, int codec,
                             int blockSize, byte[] token) {
        buffer.putInt(at + MAGIC, MAGIC_VALUE);
        buffer.put(at + VERSION, (byte) VERSION_VALUE);
        buffer.put(at + CODEC, (byte) codec);
        buffer.put(at + FLAGS, (byte) 0);
        buffer.put(at + RESERVED1, (byte) 0);
        buffer.putInt(at + CHANNEL, channel);
        buffer.putInt(at + CHANNEL_COUNT, channelCount);
        buffer.putLong(at + STREAM_ID, streamId);
        buffer.putInt(at + BLOCK_SIZE, blockSize);
        buffer.putInt(at + RESERVED2, 0);
        buffer.put(at + TOKEN, token, 0, TOKEN_LENGTH);
    }

    /** The stream's codec number (see {@link CodecId}). */
    public static int codec(ByteBuffer buffer, int at) {
        return buffer.get(at + CODEC) & 0xff;
    }

    /** The id of the channel the handshake opens. */
    public static int channel(ByteBuffer buffer, int at) {
        return buffer.getInt(at + CHANNEL);
    }

    /** The stream's number of channels. */
    public static int channelCount(ByteBuffer buffer, int at) {
        return buffer.getInt(at + CHANNEL_COUNT);
    }

    /** The stream id. */
    public static long streamId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + STREAM_ID);
    }

    /** The stream's block size, the largest payload in bytes. */
    public static int blockSize(ByteBuffer buffer, int at) {
        return buffer.getInt(at + BLOCK_SIZE);
    }

    /** Compares the token with {@code expected} in time independent of where they differ. */
    public static boolean tokenEquals(ByteBuffer buffer, int at, byte[] expected) {
        int difference = 0;
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            difference |= buffer.get(at + TOKEN + i) ^ expected[i];
        }
        return difference == 0;
    }

    /** Validates the handshake at {@code at} (which must have {@link #SIZE} bytes) on its own. */
    public static WireCheck check(ByteBuffer buffer, int at) {
        if (buffer.getInt(at + MAGIC) != MAGIC_VALUE) {
            return WireCheck.BAD_MAGIC;
        }
        if ((buffer.get(at + VERSION) & 0xff) != VERSION_VALUE) {
            return WireCheck.BAD_VERSION;
        }
        if (!CodecId.isKnown(codec(buffer, at))) {
            return WireCheck.UNKNOWN_CODEC;
        }
        if (buffer.get(at + FLAGS) != 0) {
            return WireCheck.FLAGS_NOT_ZERO;
        }
        if (buffer.get(at + RESERVED1) != 0 || buffer.getInt(at + RESERVED2) != 0) {
            return WireCheck.RESERVED_NOT_ZERO;
        }
        int count = channelCount(buffer, at);
        if (count < 1 || count > MAX_CHANNELS) {
            return WireCheck.BAD_CHANNEL_COUNT;
        }
        int channel = channel(buffer, at);
        if (channel < 0 || channel >= count) {
            return WireCheck.BAD_CHANNEL;
        }
        int block = blockSize(buffer, at);
        if (block < MIN_BLOCK_SIZE || block > MAX_BLOCK_SIZE || Integer.bitCount(block) != 1) {
            return WireCheck.BAD_BLOCK_SIZE;
        }
        return WireCheck.OK;
    }
}
