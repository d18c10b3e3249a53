package io.ferry.stream.wire;

/** Codec numbers on the wire (header {@link PacketHeader#CODEC}, handshake {@link Handshake#CODEC}). */
public final class CodecId {
    public static final int NONE = 0;
    public static final int ZSTD = 1;
    public static final int LZ4 = 2;
    /** One past the highest known codec number. */
    public static final int LIMIT = 3;

    private CodecId() {
    }

    public static boolean isKnown(int id) {
        return id >= 0 && id < LIMIT;
    }
}
