package io.ferry.nvmf.internal.pdu;

/**
 * Where data starts in a PDU and how long the PDU is (nvme-tcp-notes.md §2.1, §2.9):
 * {@code PLEN = HLEN + (HDGST ? 4 : 0) + PAD + DATALEN + (DDGST && DATALEN > 0 ? 4 : 0)}, with the
 * data at {@code PDO}, a multiple of the receiver's PDU data alignment.
 */
public final class Framing {
    /** The largest PDO a receiver accepts (§2.9). */
    public static final int MAX_DATA_OFFSET = 128;
    /** The largest PDU data alignment field (HPDA, CPDA), 0's based dwords (§2.2). */
    public static final int MAX_PDA = 31;

    private Framing() {
    }

    /** Bytes of the header and its digest. */
    public static int headerBytes(int hlen, boolean headerDigest) {
        return hlen + (headerDigest ? CommonHeader.DIGEST_LENGTH : 0);
    }

    /**
     * PDO for data after a header of {@code hlen} bytes.
     *
     * @param pda the receiver's PDU data alignment, 0's based dwords (HPDA or CPDA)
     */
    public static int dataOffset(int hlen, boolean headerDigest, int pda) {
        int alignment = (pda + 1) * 4;
        int end = headerBytes(hlen, headerDigest);
        return (end + alignment - 1) / alignment * alignment;
    }

    /** PLEN of a PDU whose data of {@code dataLength} bytes starts at {@code pdo}. */
    public static long pduLength(int pdo, long dataLength, boolean dataDigest) {
        return pdo + dataLength + (dataDigest && dataLength > 0 ? CommonHeader.DIGEST_LENGTH : 0);
    }

    /** FLAGS for the digests a PDU carries. */
    public static int digestFlags(boolean headerDigest, boolean dataDigest, long dataLength) {
        return (headerDigest ? CommonHeader.HDGSTF : 0) | (dataDigest && dataLength > 0 ? CommonHeader.DDGSTF : 0);
    }
}
