package io.ferry.nvmf.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Raw PDUs for tests, laid out by hand from nvme-tcp-notes.md rather than by the code under test:
 * a little-endian byte builder and the few whole PDUs tests keep sending.
 */
public final class Pdus {
    private final ByteBuffer b;

    private Pdus(int length) {
        b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static Pdus of(int length) {
        return new Pdus(length);
    }

    public Pdus u8(int at, int value) {
        b.put(at, (byte) value);
        return this;
    }

    public Pdus u16(int at, int value) {
        b.putShort(at, (short) value);
        return this;
    }

    public Pdus u32(int at, long value) {
        b.putInt(at, (int) value);
        return this;
    }

    public Pdus u64(int at, long value) {
        b.putLong(at, value);
        return this;
    }

    /** Common header: type, flags, HLEN, PDO, PLEN (§2.1). */
    public Pdus header(int type, int flags, int hlen, int pdo, long plen) {
        return u8(0, type).u8(1, flags).u8(2, hlen).u8(3, pdo).u32(4, plen);
    }

    /** CRC32C of bytes [from, from + length), little-endian at {@code at} (§2.9). */
    public Pdus crc(int at, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), from, length);
        return u32(at, crc.getValue());
    }

    public byte[] bytes() {
        return b.array().clone();
    }

    /** ICReq as SPDK's host sends it: PFV 0, HPDA 0, the digests asked for, MAXR2T 0 (§2.2, §8.1). */
    public static byte[] icReq(boolean headerDigest, boolean dataDigest) {
        return of(128).header(0x00, 0, 128, 0, 128).u8(11, (headerDigest ? 1 : 0) | (dataDigest ? 2 : 0)).bytes();
    }

    /**
     * A CapsuleCmd without digests: Connect on the admin queue (SQSIZE 31, KATO 10000, CNTLID 0xFFFF)
     * with its 1024 bytes of data in the capsule (§4.1, §8.1).
     */
    public static byte[] connect(String subsystemNqn, String hostNqn) {
        Pdus p = of(72 + 1024).header(0x04, 0, 72, 72, 72 + 1024);
        p.u8(8, 0x7F).u8(9, 0x40).u16(10, 0).u8(12, 0x01);
        p.u32(32 + 8, 1024).u8(32 + 15, 0x01);
        p.u16(8 + 44, 31).u32(8 + 48, 10000);
        p.u16(72 + 16, 0xFFFF);
        ascii(p, 72 + 256, subsystemNqn);
        ascii(p, 72 + 512, hostNqn);
        return p.bytes();
    }

    private static void ascii(Pdus p, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            p.u8(at + i, text.charAt(i));
        }
    }
}
