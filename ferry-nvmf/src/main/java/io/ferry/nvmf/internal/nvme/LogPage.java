package io.ferry.nvmf.internal.nvme;

/** Get Log Page (nvme-tcp-notes.md §5.5): identifiers, command fields and page sizes. */
public final class LogPage {
    public static final int SUPPORTED_LOG_PAGES = 0x00;
    public static final int ERROR_INFORMATION = 0x01;
    public static final int SMART_HEALTH = 0x02;
    public static final int FIRMWARE_SLOT = 0x03;
    public static final int COMMAND_EFFECTS = 0x05;
    public static final int DISCOVERY = 0x70;

    public static final int SUPPORTED_LOG_PAGES_LENGTH = 1024;
    /** 64-byte entries, ELPE + 1 of them. */
    public static final int ERROR_ENTRY_LENGTH = 64;
    public static final int SMART_HEALTH_LENGTH = 512;
    public static final int FIRMWARE_SLOT_LENGTH = 512;
    /** Firmware slot page: AFI (active slot), FRS1 (revision in slot 1). */
    public static final int FIRMWARE_AFI = 0;
    public static final int FIRMWARE_FRS1 = 8;
    /** Commands supported and effects: 256 admin then 256 I/O u32 entries (bit 0 CSUPP, bit 1 LBCC). */
    public static final int COMMAND_EFFECTS_LENGTH = 4096;
    public static final int COMMAND_EFFECTS_IO = 1024;
    public static final int EFFECT_SUPPORTED = 0x1;
    public static final int EFFECT_CHANGES_CONTENT = 0x2;
    /** Supported log pages: bit 0 LSUPP of each u32 entry. */
    public static final int LOG_SUPPORTED = 0x1;

    private LogPage() {
    }

    /** LID: CDW10[7:0]. */
    public static int id(int cdw10) {
        return cdw10 & 0xFF;
    }

    /** Bytes asked for: ((NUMDU << 16 | NUMDL) + 1) dwords, NUMDL = CDW10[31:16], NUMDU = CDW11[15:0]. */
    public static long length(int cdw10, int cdw11) {
        long dwords = ((long) (cdw11 & 0xFFFF) << 16 | cdw10 >>> 16) + 1;
        return dwords * 4;
    }

    /** LPO: CDW13:CDW12, a byte offset. */
    public static long offset(int cdw12, int cdw13) {
        return (long) cdw13 << 32 | cdw12 & 0xFFFF_FFFFL;
    }
}
