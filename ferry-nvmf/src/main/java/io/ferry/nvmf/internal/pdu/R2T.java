package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** R2T, type 9, HLEN 24, controller to host (nvme-tcp-notes.md §2.8): asks for a range of a write's data. */
public final class R2T {
    public static final int HLEN = 24;
    /** CCCID, u16: the command's CID. */
    public static final int CCCID = 8;
    /** TTAG, u16: chosen by the controller, never 0; echoed in H2CData. */
    public static final int TTAG = 10;
    /** R2TO, u32: offset of the requested range. */
    public static final int R2TO = 12;
    /** R2TL, u32: length of the requested range. */
    public static final int R2TL = 16;

    private R2T() {
    }

    /** Writes an R2T; returns PLEN. */
    public static int put(ByteBuffer b, boolean headerDigest, int cccid, int ttag, int offset, int length) {
        int plen = Framing.headerBytes(HLEN, headerDigest);
        Le.zero(b, 0, HLEN);
        CommonHeader.put(b, PduType.R2T, headerDigest ? CommonHeader.HDGSTF : 0, HLEN, 0, plen);
        Le.put16(b, CCCID, cccid);
        Le.put16(b, TTAG, ttag);
        Le.put32(b, R2TO, offset);
        Le.put32(b, R2TL, length);
        return plen;
    }
}
