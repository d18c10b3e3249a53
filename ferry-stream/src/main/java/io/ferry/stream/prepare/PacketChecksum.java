package io.ferry.stream.prepare;

import io.ferry.stream.wire.PacketHeader;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC32C of a packet: the header's first {@link PacketHeader#CHECKSUM} bytes, then the payload.
 * The JDK computes it with the CPU's CRC32C instructions over direct buffers, without allocating.
 * One instance per channel; it leaves the buffers it reads cleared (position 0, limit at the capacity).
 */
public final class PacketChecksum {
    private final CRC32C crc = new CRC32C();

    /** A checksum for one channel; not thread-safe. */
    public PacketChecksum() {
    }

    /** The checksum of the header at {@code headerAt} and {@code payloadLength} bytes at {@code payloadAt}. */
    public int compute(ByteBuffer header, int headerAt, ByteBuffer payload, int payloadAt, int payloadLength) {
        crc.reset();
        header.limit(headerAt + PacketHeader.CHECKSUM).position(headerAt);
        crc.update(header);
        if (payloadLength > 0) {
            payload.limit(payloadAt + payloadLength).position(payloadAt);
            crc.update(payload);
        }
        header.clear();
        payload.clear();
        return (int) crc.getValue();
    }

    /** True when the header's checksum field matches the header and payload. */
    public boolean verify(ByteBuffer header, int headerAt, ByteBuffer payload, int payloadAt, int payloadLength) {
        int expected = PacketHeader.checksum(header, headerAt);
        return compute(header, headerAt, payload, payloadAt, payloadLength) == expected;
    }
}
