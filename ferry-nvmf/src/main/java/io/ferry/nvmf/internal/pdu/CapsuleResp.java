package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** CapsuleResp, type 5, HLEN 24, controller to host (nvme-tcp-notes.md §2.6): the 16-byte CQE, no data. */
public final class CapsuleResp {
    public static final int HLEN = 24;
    /** The 16-byte completion queue entry. */
    public static final int CQE = 8;

    private CapsuleResp() {
    }

    /** Writes the common header of a response whose CQE is at {@link #CQE}; returns PLEN. */
    public static int putHeader(ByteBuffer b, boolean headerDigest) {
        int plen = Framing.headerBytes(HLEN, headerDigest);
        CommonHeader.put(b, PduType.CAPSULE_RESP, headerDigest ? CommonHeader.HDGSTF : 0, HLEN, 0, plen);
        return plen;
    }
}
