package io.ferry.nvmf.internal.nvme;

/** Property Get and Set (nvme-tcp-notes.md §4.2): SQE fields, register offsets and their bits. */
public final class Property {
    /** ATTRIB, u8: bits 2:0 size, 0 = 4 bytes, 1 = 8 bytes. */
    public static final int ATTRIB = 40;
    /** OFST, u32: the register's offset. */
    public static final int OFST = 44;
    /** VALUE, u64 (Property Set). */
    public static final int VALUE = 48;

    public static final int CAP = 0x00;
    public static final int VS = 0x08;
    public static final int CC = 0x14;
    public static final int CSTS = 0x1C;
    public static final int AQA = 0x24;
    public static final int ASQ = 0x28;
    public static final int ACQ = 0x30;

    public static final int CC_EN = 0x1;
    public static final int CC_SHN_SHIFT = 14;
    public static final int CC_SHN_MASK = 0x3 << CC_SHN_SHIFT;
    /** CC.MPS[10:7] and CC.AMS[13:11]: must stay 0 (4 KiB pages, round robin). */
    public static final int CC_MPS_AMS_MASK = 0x3F << 7;

    public static final int CSTS_RDY = 0x1;
    public static final int CSTS_CFS = 0x2;
    /** CSTS.SHST = 10b: shutdown processing complete. */
    public static final int CSTS_SHST_COMPLETE = 0x2 << 2;

    /** VS 2.0.0, as SPDK reports. */
    public static final int VERSION_2_0 = 0x0002_0000;

    private Property() {
    }

    /**
     * CAP: MQES (0's based), CQR, TO in 500 ms units, CSS bit 37 (NVM command set), MPSMIN = MPSMAX = 0
     * (4 KiB).
     */
    public static long capabilities(int maxQueueEntries, int timeoutHalfSeconds) {
        return (maxQueueEntries - 1) & 0xFFFFL | 1L << 16 | (long) (timeoutHalfSeconds & 0xFF) << 24 | 1L << 37;
    }
}
