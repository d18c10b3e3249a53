package io.ferry.stream.prepare;

/**
 * Compresses one block into a packet payload, with state kept for the life of one channel. Offsets are
 * absolute within the buffers' memory.
 */
public interface Encoder extends AutoCloseable {
    /** The encoder of codec NONE: never compresses. */
    Encoder NONE = new Encoder() {
        @Override
        public int encode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset,
                          int capacity) {
            return -1;
        }

        @Override
        public int maxEncodedLength(int length) {
            return length;
        }

        @Override
        public void close() {
        }
    };

    /** The room {@link #encode} needs in its target for an input of {@code length} bytes. */
    int maxEncodedLength(int length);

    /**
     * Compresses {@code length} bytes of {@code source} into {@code target}, which has room for
     * {@code capacity} bytes, at least {@link #maxEncodedLength}. Returns the compressed size, or -1 when
     * the result is not smaller than the input (the block is then sent raw).
     */
    int encode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset, int capacity);

    /** Frees native state. Idempotent. */
    @Override
    void close();
}
