package io.ferry.stream.prepare;

/**
 * Decompresses one packet payload, with state kept for the life of one channel. Malformed input is a
 * value (-1), never an exception; output never exceeds {@code expected} bytes.
 */
public interface Decoder extends AutoCloseable {
    /** The decoder of codec NONE: payloads are not compressed and never decoded. */
    Decoder NONE = new Decoder() {
        @Override
        public int decode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset,
                          int expected) {
            return -1;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Decompresses {@code length} bytes of {@code source} into {@code target}, which has room for
     * {@code expected} bytes. Returns the decoded size, or -1 when the input is malformed or does not
     * decode to exactly {@code expected} bytes.
     */
    int decode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset, int expected);

    /** Frees native state. Idempotent. */
    @Override
    void close();
}
