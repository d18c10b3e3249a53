package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** H2CData, type 6, HLEN 24, host to controller (nvme-tcp-notes.md §2.7): data asked for by an R2T. */
public final class H2CData {
    public static final int HLEN = 24;
    /** CCCID, u16: the command's CID. */
    public static final int CCCID = 8;
    /** TTAG, u16: the transfer tag of the R2T. */
    public static final int TTAG = 10;
    /** DATAO, u32: offset of this PDU's data within the command's data. */
    public static final int DATAO = 12;
    /** DATAL, u32: data bytes in this PDU. */
    public static final int DATAL = 16;

    private H2CData() {
    }

    /** Writes the header; returns PDO. */
    public static int put(ByteBuffer b, boolean headerDigest, boolean dataDigest, int cpda, int cccid, int ttag,
                          int dataOffset, int dataLength, boolean last) {
        int pdo = Framing.dataOffset(HLEN, headerDigest, cpda);
        Le.zero(b, 0, pdo);
        int flags = Framing.digestFlags(headerDigest, dataDigest, dataLength) | (last ? CommonHeader.LAST_PDU : 0);
        CommonHeader.put(b, PduType.H2C_DATA, flags, HLEN, pdo, Framing.pduLength(pdo, dataLength, dataDigest));
        Le.put16(b, CCCID, cccid);
        Le.put16(b, TTAG, ttag);
        Le.put32(b, DATAO, dataOffset);
        Le.put32(b, DATAL, dataLength);
        return pdo;
    }
}
