package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** The 8-byte common header (CH) of every PDU (nvme-tcp-notes.md §2.1). */
public final class CommonHeader {
    public static final int LENGTH = 8;
    /** PDU-Type, u8. */
    public static final int TYPE = 0;
    /** FLAGS, u8. */
    public static final int FLAGS = 1;
    /** HLEN: CH + PSH, excluding the header digest, u8. */
    public static final int HLEN = 2;
    /** PDO: offset of the PDU data from the start of the PDU, 0 when there is none, u8. */
    public static final int PDO = 3;
    /** PLEN: the whole PDU, header, digests, padding and data, u32. */
    public static final int PLEN = 4;

    /** FLAGS bit 0: a header digest follows the header. */
    public static final int HDGSTF = 0x01;
    /** FLAGS bit 1: a data digest follows the data. */
    public static final int DDGSTF = 0x02;
    /** FLAGS bit 2 of H2CData and C2HData: the last PDU of the transfer. */
    public static final int LAST_PDU = 0x04;
    /** FLAGS bit 3 of C2HData: the command succeeded and no CapsuleResp follows. */
    public static final int SUCCESS = 0x08;

    /** Bytes of a digest (§2.9). */
    public static final int DIGEST_LENGTH = 4;

    private CommonHeader() {
    }

    public static void put(ByteBuffer b, int type, int flags, int hlen, int pdo, long plen) {
        Le.put8(b, TYPE, type);
        Le.put8(b, FLAGS, flags);
        Le.put8(b, HLEN, hlen);
        Le.put8(b, PDO, pdo);
        Le.put32(b, PLEN, (int) plen);
    }

    public static int type(ByteBuffer b, int at) {
        return Le.u8(b, at + TYPE);
    }

    public static int flags(ByteBuffer b, int at) {
        return Le.u8(b, at + FLAGS);
    }

    public static int hlen(ByteBuffer b, int at) {
        return Le.u8(b, at + HLEN);
    }

    public static int pdo(ByteBuffer b, int at) {
        return Le.u8(b, at + PDO);
    }

    public static long plen(ByteBuffer b, int at) {
        return Le.u32(b, at + PLEN);
    }
}
