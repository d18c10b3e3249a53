package io.ferry.stream.wire;

import java.nio.ByteBuffer;

/**
 * The fixed 64-byte header in front of every packet on a channel (docs/design/stream.md, "Packet
 * header"). The fields after {@link #LENGTH} up to {@link #CHECKSUM} are reserved and must be zero,
 * so that later versions can use them without changing the size (QEMU's multifd packet grew the
 * same way). The checksum is CRC32C over the 60 bytes before it and the payload that follows.
 *
 * <p>Methods read and write a header in place at an absolute index of a buffer, big-endian, and
 * allocate nothing. {@link #check} validates every field that can be checked without knowing the
 * channel; the channel checks the stream id, channel id and sequence number.
 */
public final class PacketHeader {
    /** The header's size in bytes. */
    public static final int SIZE = 64;
    /** The magic number every header starts with: "FRYP". */
    public static final int MAGIC_VALUE = 0x46525950;
    /** The version of the packet format this code writes and reads. */
    public static final int VERSION_VALUE = 1;

    /** Offset of the magic number, u32: {@link #MAGIC_VALUE}. */
    public static final int MAGIC = 0;
    /** Offset of the format version, u8: {@link #VERSION_VALUE}. */
    public static final int VERSION = 4;
    /** Offset of the packet type, u8: a {@link PacketType#code()}. */
    public static final int TYPE = 5;
    /** Offset of the payload's codec, u8: a {@link CodecId}. */
    public static final int CODEC = 6;
    /** Offset of the flags, u8; none are defined, so it must be 0. */
    public static final int FLAGS = 7;
    /** Offset of the channel id, u32. */
    public static final int CHANNEL = 8;
    /** Offset of the payload's length on the wire (after compression), u32: the bytes after the header. */
    public static final int WIRE_LENGTH = 12;
    /** Offset of the stream id, u64. */
    public static final int STREAM_ID = 16;
    /** Offset of the sequence number, u64: per channel and direction, from 0. */
    public static final int SEQUENCE = 24;
    /** Offset of the offset field, u64, whose meaning depends on the type (for DATA, the stream offset). */
    public static final int OFFSET = 32;
    /** Offset of the length field, u64, whose meaning depends on the type (for DATA, the payload's length once decoded). */
    public static final int LENGTH = 40;
    /** Offset of the reserved bytes, which must be zero. */
    public static final int RESERVED = 48;
    /** Length of the reserved bytes. */
    public static final int RESERVED_LENGTH = 12;
    /** Offset of the checksum, u32: CRC32C of bytes [0, 60) and the payload. */
    public static final int CHECKSUM = 60;

    /** The largest error message an ERROR packet carries. */
    public static final int MAX_ERROR_MESSAGE = 1024;

    private PacketHeader() {
    }

    /** Writes every field but the checksum (and zeroes the reserved bytes). */
    public static void write(ByteBuffer buffer, int at, PacketType type, int codec, int channel, int wireLength,
                             long streamId, long sequence, long offset, long length) {
        buffer.putInt(at + MAGIC, MAGIC_VALUE);
        buffer.put(at + VERSION, (byte) VERSION_VALUE);
        buffer.put(at + TYPE, (byte) type.code());
        buffer.put(at + CODEC, (byte) codec);
        buffer.put(at + FLAGS, (byte) 0);
        buffer.putInt(at + CHANNEL, channel);
        buffer.putInt(at + WIRE_LENGTH, wireLength);
        buffer.putLong(at + STREAM_ID, streamId);
        buffer.putLong(at + SEQUENCE, sequence);
        buffer.putLong(at + OFFSET, offset);
        buffer.putLong(at + LENGTH, length);
        buffer.putLong(at + RESERVED, 0L);
        buffer.putInt(at + RESERVED + 8, 0);
        buffer.putInt(at + CHECKSUM, 0);
    }

    /** Writes {@code checksum} into the header at {@code at}. */
    public static void putChecksum(ByteBuffer buffer, int at, int checksum) {
        buffer.putInt(at + CHECKSUM, checksum);
    }

    /** The type, or null for an unknown code (never after {@link #check} returned OK). */
    public static PacketType type(ByteBuffer buffer, int at) {
        return PacketType.of(buffer.get(at + TYPE) & 0xff);
    }

    /** The payload's codec number (see {@link CodecId}). */
    public static int codec(ByteBuffer buffer, int at) {
        return buffer.get(at + CODEC) & 0xff;
    }

    /** The channel id. */
    public static int channel(ByteBuffer buffer, int at) {
        return buffer.getInt(at + CHANNEL);
    }

    /** The payload's length on the wire: the bytes that follow the header. */
    public static int wireLength(ByteBuffer buffer, int at) {
        return buffer.getInt(at + WIRE_LENGTH);
    }

    /** The stream id. */
    public static long streamId(ByteBuffer buffer, int at) {
        return buffer.getLong(at + STREAM_ID);
    }

    /** The packet's sequence number on its channel. */
    public static long sequence(ByteBuffer buffer, int at) {
        return buffer.getLong(at + SEQUENCE);
    }

    /** The offset field, whose meaning depends on the type. */
    public static long offset(ByteBuffer buffer, int at) {
        return buffer.getLong(at + OFFSET);
    }

    /** The length field, whose meaning depends on the type. */
    public static long length(ByteBuffer buffer, int at) {
        return buffer.getLong(at + LENGTH);
    }

    /** The checksum as written in the header. */
    public static int checksum(ByteBuffer buffer, int at) {
        return buffer.getInt(at + CHECKSUM);
    }

    /**
     * Validates the header at {@code at} (which must have {@link #SIZE} bytes) on its own:
     * magic, version, type, codec, flags, reserved bytes, and the offset, length and payload length
     * each type allows. {@code maxPayload} bounds DATA and MANIFEST payloads (the stream's block size).
     */
    public static WireCheck check(ByteBuffer buffer, int at, int maxPayload) {
        if (buffer.getInt(at + MAGIC) != MAGIC_VALUE) {
            return WireCheck.BAD_MAGIC;
        }
        if ((buffer.get(at + VERSION) & 0xff) != VERSION_VALUE) {
            return WireCheck.BAD_VERSION;
        }
        PacketType type = type(buffer, at);
        if (type == null) {
            return WireCheck.UNKNOWN_TYPE;
        }
        int codec = codec(buffer, at);
        if (!CodecId.isKnown(codec)) {
            return WireCheck.UNKNOWN_CODEC;
        }
        if (buffer.get(at + FLAGS) != 0) {
            return WireCheck.FLAGS_NOT_ZERO;
        }
        if (buffer.getLong(at + RESERVED) != 0 || buffer.getInt(at + RESERVED + 8) != 0) {
            return WireCheck.RESERVED_NOT_ZERO;
        }
        if (type != PacketType.DATA && codec != CodecId.NONE) {
            return WireCheck.UNEXPECTED_CODEC;
        }
        return checkFields(type, codec, offset(buffer, at), length(buffer, at), wireLength(buffer, at), maxPayload);
    }

    private static WireCheck checkFields(PacketType type, int codec, long offset, long length, int wire, int maxPayload) {
        if (offset < 0) {
            return WireCheck.BAD_OFFSET;
        }
        return switch (type) {
            case DATA -> length < 1 || length > maxPayload ? WireCheck.BAD_LENGTH
                    : offset > Long.MAX_VALUE - length ? WireCheck.BAD_OFFSET
                    : wire < 1 || wire > length || (codec == CodecId.NONE && wire != length) ? WireCheck.BAD_WIRE_LENGTH
                    : WireCheck.OK;
            case ZERO -> length < 1 ? WireCheck.BAD_LENGTH
                    : offset > Long.MAX_VALUE - length ? WireCheck.BAD_OFFSET
                    : wire != 0 ? WireCheck.BAD_WIRE_LENGTH : WireCheck.OK;
            case SYNC, SYNC_ACK, END -> length < 0 ? WireCheck.BAD_LENGTH
                    : wire != 0 ? WireCheck.BAD_WIRE_LENGTH : WireCheck.OK;
            case ERROR -> length < 0 || length > Integer.MAX_VALUE ? WireCheck.BAD_LENGTH
                    : wire < 0 || wire > MAX_ERROR_MESSAGE ? WireCheck.BAD_WIRE_LENGTH : WireCheck.OK;
            case MANIFEST -> length < 1 ? WireCheck.BAD_LENGTH
                    : wire < 1 || wire > maxPayload || offset > length - wire ? WireCheck.BAD_WIRE_LENGTH
                    : WireCheck.OK;
        };
    }
}
