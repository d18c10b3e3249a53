package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/**
 * CapsuleCmd, type 4, HLEN 72, host to controller (nvme-tcp-notes.md §2.5): the 64-byte SQE after
 * the common header, then in-capsule data (if any) at PDO.
 */
public final class CapsuleCmd {
    public static final int HLEN = 72;
    /** The 64-byte submission queue entry. */
    public static final int SQE = 8;

    private CapsuleCmd() {
    }

    /**
     * Writes the common header of a capsule whose SQE is already at {@link #SQE}; returns PDO (the
     * offset of in-capsule data, 0 when there is none).
     *
     * @param cpda the controller's PDU data alignment from ICResp
     */
    public static int putHeader(ByteBuffer b, boolean headerDigest, boolean dataDigest, int dataLength, int cpda) {
        int pdo = dataLength == 0 ? 0 : Framing.dataOffset(HLEN, headerDigest, cpda);
        long plen = dataLength == 0 ? Framing.headerBytes(HLEN, headerDigest) : Framing.pduLength(pdo, dataLength, dataDigest);
        CommonHeader.put(b, PduType.CAPSULE_CMD, Framing.digestFlags(headerDigest, dataDigest, dataLength), HLEN, pdo, plen);
        return pdo;
    }
}
