package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * The first 64 bytes a sender writes on each channel (docs/design/stream.md, "Channel handshake"):
 * which stream the channel belongs to, its id among how many, the stream's codec and block size, and
 * an opaque token the receiver may require. The receiver maps channels by id, so they may connect in
 * any order; it refuses a duplicate id, an id out of range and a stream or token it does not expect.
 */
public final class Handshake {
    public static final int SIZE = 64;
    public static final int MAGIC_VALUE = 0x46525948; // "FRYH"
    public static final int VERSION_VALUE = 1;
    public static final int MAX_CHANNELS = 256;
    public static final int MIN_BLOCK_SIZE = 4096;
    public static final int MAX_BLOCK_SIZE = 16 << 20;
    public static final int TOKEN_LENGTH = 32;

    public static final int MAGIC = 0;          // u32
    public static final int VERSION = 4;        // u8
    public static final int CODEC = 5;          // u8, CodecId of the stream
    public static final int FLAGS = 6;          // u8, none defined: must be 0
    public static final int RESERVED1 = 7;      // u8, zero
    public static final int CHANNEL = 8;        // u32, this channel's id
    public static final int CHANNEL_COUNT = 12; // u32, channels of the stream
    public static final int STREAM_ID = 16;     // u64
    public static final int BLOCK_SIZE = 24;    // u32, largest payload, a power of two
    public static final int RESERVED2 = 28;     // u32, zero
    public static final int TOKEN = 32;         // 32 bytes, zero when none

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

    public static int codec(ByteBuffer buffer, int at) {
        return buffer.get(at + CODEC) & 0xff;
    }

    public static int channel(ByteBuffer buffer, int at) {
        return buffer.getInt(at + CHANNEL);
    }

    public static int channelCount(ByteBuffer buffer, int at) {
        return buffer.getInt(at + CHANNEL_COUNT);
    }

    public static long streamId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + STREAM_ID);
    }

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
