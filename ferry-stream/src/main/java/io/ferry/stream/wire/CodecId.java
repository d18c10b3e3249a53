package io.ferry.stream.wire;

/** Codec numbers on the wire (header {@link PacketHeader#CODEC}, handshake {@link Handshake#CODEC}). */
public final class CodecId {
    /** No compression. */
    public static final int NONE = 0;
    /** Zstandard. */
    public static final int ZSTD = 1;
    /** LZ4. */
    public static final int LZ4 = 2;
    /** One past the highest known codec number. */
    public static final int LIMIT = 3;

    private CodecId() {
    }

    /** Whether {@code id} is a codec number this code knows. */
    public static boolean isKnown(int id) {
        return id >= 0 && id < LIMIT;
    }
}
