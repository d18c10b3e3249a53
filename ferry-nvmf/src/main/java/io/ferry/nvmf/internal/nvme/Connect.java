package io.ferry.nvmf.internal.nvme;

/**
 * Fabrics Connect (nvme-tcp-notes.md §4.1): fields of the SQE and of the 1024-byte Connect data
 * that travels in the capsule.
 */
public final class Connect {
    /** RECFMT, u16: record format, 0. */
    public static final int RECFMT = 40;
    /** QID, u16: 0 for the admin queue. */
    public static final int QID = 42;
    /** SQSIZE, u16: 0's based queue size. */
    public static final int SQSIZE = 44;
    /** CATTR, u8. */
    public static final int CATTR = 46;
    /**
     * CATTR bit 2, DISSQFC: the host disables SQ flow control (it does not use SQHD), so a target may
     * end a successful read with a C2HData PDU flagged SUCCESS instead of a response (§2.7).
     */
    public static final int CATTR_DISABLE_SQ_FLOW_CONTROL = 0x4;
    /** KATO, u32: keep-alive timeout in milliseconds, 0 for none. */
    public static final int KATO = 48;

    /** Bytes of Connect data. */
    public static final int DATA_LENGTH = 1024;
    /** HOSTID, 16 bytes (a UUID). */
    public static final int DATA_HOSTID = 0;
    /** CNTLID, u16: 0xFFFF on the admin queue (dynamic controller), the admin queue's on I/O queues. */
    public static final int DATA_CNTLID = 16;
    /** SUBNQN, 256 bytes, NUL-terminated. */
    public static final int DATA_SUBNQN = 256;
    /** HOSTNQN, 256 bytes, NUL-terminated. */
    public static final int DATA_HOSTNQN = 512;
    public static final int NQN_LENGTH = 256;

    public static final int DYNAMIC_CONTROLLER = 0xFFFF;

    /** Where the bad field lies, for the Connect response's CDW0 on invalid parameters: in the SQE. */
    public static final int IATTR_COMMAND = 0;
    /** ... or in the Connect data. */
    public static final int IATTR_DATA = 1;

    private Connect() {
    }

    /** CDW0 of a Connect failing with invalid parameters: IPO (byte offset) | IATTR << 16. */
    public static int invalidParameter(int attribute, int offset) {
        return offset | attribute << 16;
    }
}
