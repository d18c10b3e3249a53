package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** ICReq, type 0, 128 bytes, host to controller (nvme-tcp-notes.md §2.2). */
public final class IcReq {
    public static final int LENGTH = 128;
    /** PFV, u16: PDU format version, 0. */
    public static final int PFV = 8;
    /** HPDA, u8: host PDU data alignment, 0's based dwords, 0..31. */
    public static final int HPDA = 10;
    /** DGST, u8: bit 0 header digest, bit 1 data digest requested. */
    public static final int DGST = 11;
    /** MAXR2T, u32: 0's based outstanding R2Ts per command. */
    public static final int MAXR2T = 12;

    public static final int DGST_HEADER = 0x01;
    public static final int DGST_DATA = 0x02;

    private IcReq() {
    }

    public static void put(ByteBuffer b, int hpda, boolean headerDigest, boolean dataDigest, int maxR2t) {
        Le.zero(b, 0, LENGTH);
        CommonHeader.put(b, PduType.IC_REQ, 0, LENGTH, 0, LENGTH);
        Le.put8(b, HPDA, hpda);
        Le.put8(b, DGST, digestBits(headerDigest, dataDigest));
        Le.put32(b, MAXR2T, maxR2t);
    }

    static int digestBits(boolean headerDigest, boolean dataDigest) {
        return (headerDigest ? DGST_HEADER : 0) | (dataDigest ? DGST_DATA : 0);
    }
}
