package io.ferry.stream.wire;

/**
 * The result of validating a structure: {@link #OK}, or the first thing found wrong. A value, not an
 * exception, so that a parser never throws on what a peer sent.
 */
public enum WireCheck {
    OK("valid"),
    BAD_MAGIC("bad magic number"),
    BAD_VERSION("unsupported version"),
    UNKNOWN_TYPE("unknown packet type"),
    UNKNOWN_CODEC("unknown codec"),
    UNEXPECTED_CODEC("codec not allowed for this packet"),
    FLAGS_NOT_ZERO("unknown flags set"),
    RESERVED_NOT_ZERO("reserved bytes not zero"),
    BAD_OFFSET("offset negative or overflowing"),
    BAD_LENGTH("length out of range"),
    BAD_WIRE_LENGTH("payload length out of range"),
    BAD_CHANNEL("channel id out of range"),
    BAD_CHANNEL_COUNT("channel count out of range"),
    BAD_BLOCK_SIZE("block size not a power of two in range"),
    TRUNCATED("truncated"),
    BAD_PATH("unsafe or malformed path"),
    BAD_ENTRY("malformed manifest entry");

    private final String description;

    WireCheck(String description) {
        this.description = description;
    }

    /** A few words for an error message. */
    public String description() {
        return description;
    }

    public boolean isOk() {
        return this == OK;
    }
}
