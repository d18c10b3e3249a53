package io.ferry.stream.wire;

/**
 * The result of validating a structure: {@link #OK}, or the first thing found wrong. A value, not an
 * exception, so that a parser never throws on what a peer sent.
 */
public enum WireCheck {
    /** The structure is valid. */
    OK("valid"),
    /** The magic number is not the structure's. */
    BAD_MAGIC("bad magic number"),
    /** The format version is not one this code reads. */
    BAD_VERSION("unsupported version"),
    /** The packet type is not a {@link PacketType}. */
    UNKNOWN_TYPE("unknown packet type"),
    /** The codec number is not a {@link CodecId}. */
    UNKNOWN_CODEC("unknown codec"),
    /** A packet other than DATA names a codec. */
    UNEXPECTED_CODEC("codec not allowed for this packet"),
    /** A flag is set, and none is defined. */
    FLAGS_NOT_ZERO("unknown flags set"),
    /** A reserved byte is not zero. */
    RESERVED_NOT_ZERO("reserved bytes not zero"),
    /** An offset is negative or overflows with its length, or a manifest file is misplaced in the stream. */
    BAD_OFFSET("offset negative or overflowing"),
    /** A length or count is out of the range the structure allows. */
    BAD_LENGTH("length out of range"),
    /** The payload's length is out of the range the packet type allows. */
    BAD_WIRE_LENGTH("payload length out of range"),
    /** The channel id is not below the channel count. */
    BAD_CHANNEL("channel id out of range"),
    /** The channel count is not 1 to {@link Handshake#MAX_CHANNELS}. */
    BAD_CHANNEL_COUNT("channel count out of range"),
    /** The block size is not a power of two from {@link Handshake#MIN_BLOCK_SIZE} to {@link Handshake#MAX_BLOCK_SIZE}. */
    BAD_BLOCK_SIZE("block size not a power of two in range"),
    /** The bytes end before the structure does. */
    TRUNCATED("truncated"),
    /** A manifest path is not a safe relative path ({@link PathCheck}), is empty where it may not be, repeats, or lies below a file or a link. */
    BAD_PATH("unsafe or malformed path"),
    /**
     * A manifest entry has an unknown kind, a reserved byte set, more than permission bits, a directory
     * with a size or base, or a symbolic link with a mode, a base or a target that is empty, too long,
     * not strict UTF-8 or holds a NUL.
     */
    BAD_ENTRY("malformed manifest entry");

    private final String description;

    WireCheck(String description) {
        this.description = description;
    }

    /** A few words for an error message. */
    public String description() {
        return description;
    }

    /** Whether this is {@link #OK}. */
    public boolean isOk() {
        return this == OK;
    }
}
