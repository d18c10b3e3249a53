package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/** ICResp, type 1, 128 bytes, controller to host (nvme-tcp-notes.md §2.3). */
public final class IcResp {
    public static final int LENGTH = 128;
    /** PFV, u16: 0. */
    public static final int PFV = 8;
    /** CPDA, u8: controller PDU data alignment for H2C PDUs, 0's based dwords. */
    public static final int CPDA = 10;
    /** DGST, u8: the digests enabled, bits as in ICReq. */
    public static final int DGST = 11;
    /** MAXH2CDATA, u32: most data bytes in one H2CData PDU. */
    public static final int MAXH2CDATA = 12;

    /** The smallest MAXH2CDATA hosts accept (Linux and SPDK). */
    public static final int MIN_MAXH2CDATA = 4096;

    private IcResp() {
    }

    public static void put(ByteBuffer b, int cpda, boolean headerDigest, boolean dataDigest, int maxH2cData) {
        Le.zero(b, 0, LENGTH);
        CommonHeader.put(b, PduType.IC_RESP, 0, LENGTH, 0, LENGTH);
        Le.put8(b, CPDA, cpda);
        Le.put8(b, DGST, IcReq.digestBits(headerDigest, dataDigest));
        Le.put32(b, MAXH2CDATA, maxH2cData);
    }
}
