package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** C2HData, type 7, HLEN 24, controller to host (nvme-tcp-notes.md §2.7): data of a read. */
public final class C2HData {
    public static final int HLEN = 24;
    /** CCCID, u16: the command's CID. */
    public static final int CCCID = 8;
    /** DATAO, u32: offset of this PDU's data within the command's data. */
    public static final int DATAO = 12;
    /** DATAL, u32: data bytes in this PDU. */
    public static final int DATAL = 16;

    private C2HData() {
    }

    /**
     * Writes the header; returns PDO.
     *
     * @param hpda the host's PDU data alignment from ICReq
     */
    public static int put(ByteBuffer b, boolean headerDigest, boolean dataDigest, int hpda, int cccid,
                          int dataOffset, int dataLength, int lastAndSuccessFlags) {
        int pdo = Framing.dataOffset(HLEN, headerDigest, hpda);
        Le.zero(b, 0, pdo);
        int flags = Framing.digestFlags(headerDigest, dataDigest, dataLength) | lastAndSuccessFlags;
        CommonHeader.put(b, PduType.C2H_DATA, flags, HLEN, pdo, Framing.pduLength(pdo, dataLength, dataDigest));
        Le.put16(b, CCCID, cccid);
        Le.put32(b, DATAO, dataOffset);
        Le.put32(b, DATAL, dataLength);
        return pdo;
    }
}
