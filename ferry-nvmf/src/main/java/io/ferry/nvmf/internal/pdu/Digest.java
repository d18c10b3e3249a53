package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Header and data digests (nvme-tcp-notes.md §2.9): CRC32C, stored little-endian. A data digest
 * covers the data padded with zeros to a multiple of 4 bytes, as SPDK computes it. One instance per
 * connection, used by its owning thread; nothing is allocated per digest.
 */
public final class Digest {
    private static final byte[] ZEROS = new byte[CommonHeader.DIGEST_LENGTH];
    private final CRC32C crc = new CRC32C();

    /**
     * The digest of {@code length} bytes of {@code b} from {@code from}; the buffer's position and
     * limit are restored.
     */
    public int compute(ByteBuffer b, int from, int length) {
        crc.reset();
        int position = b.position();
        int limit = b.limit();
        b.limit(b.capacity()).position(from);
        b.limit(from + length);
        crc.update(b);
        int tail = length & 3;
        if (tail != 0) {
            crc.update(ZEROS, 0, 4 - tail);
        }
        b.limit(limit).position(position);
        return (int) crc.getValue();
    }

    /** Writes the header digest of the {@code hlen} header bytes at offset {@code hlen} of {@code b}. */
    public void sealHeader(ByteBuffer b, int hlen) {
        Le.put32(b, hlen, compute(b, 0, hlen));
    }
}
