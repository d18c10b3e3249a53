package io.ferry.nvmf.internal.nvme;

/** Offsets of the Identify Controller page, CNS 01h (nvme-tcp-notes.md §5.2). */
public final class IdentifyController {
    public static final int VID = 0;
    public static final int SSVID = 2;
    /** SN, 20 bytes ASCII, space padded. */
    public static final int SN = 4;
    public static final int SN_LENGTH = 20;
    /** MN, 40 bytes ASCII, space padded. */
    public static final int MN = 24;
    public static final int MN_LENGTH = 40;
    /** FR, 8 bytes ASCII, space padded. */
    public static final int FR = 64;
    public static final int FR_LENGTH = 8;
    public static final int RAB = 72;
    public static final int CMIC = 76;
    /** MDTS: largest transfer as a power of two of 4 KiB pages. */
    public static final int MDTS = 77;
    public static final int CNTLID = 78;
    public static final int VER = 80;
    public static final int OAES = 92;
    public static final int CTRATT = 96;
    /** CNTRLTYPE: 1 I/O, 2 discovery. */
    public static final int CNTRLTYPE = 111;
    public static final int ACL = 258;
    public static final int AERL = 259;
    public static final int FRMW = 260;
    public static final int LPA = 261;
    public static final int ELPE = 262;
    public static final int KAS = 320;
    public static final int SQES = 512;
    public static final int CQES = 513;
    public static final int MAXCMD = 514;
    public static final int NN = 516;
    public static final int ONCS = 520;
    public static final int VWC = 525;
    public static final int SGLS = 536;
    /** SUBNQN, 256 bytes, NUL padded. */
    public static final int SUBNQN = 768;
    public static final int IOCCSZ = 1792;
    public static final int IORCSZ = 1796;
    public static final int ICDOFF = 1800;
    public static final int FCATT = 1802;
    public static final int MSDBD = 1803;

    public static final int CNTRLTYPE_IO = 1;
    public static final int CNTRLTYPE_DISCOVERY = 2;
    /** ONCS: Dataset Management (bit 2) and Write Zeroes (bit 3). */
    public static final int ONCS_DSM_WRITE_ZEROES = 0x000C;
    /** VWC: present, flush of all namespaces not supported (bits 2:1 = 10b). */
    public static final int VWC_PRESENT = 0x05;
    /** SGLS: SGLs without alignment, keyed SGL, SGL offset, as SPDK advertises. */
    public static final int SGLS_SUPPORTED = 0x0010_0005;
    /** OAES bit 8: namespace attribute notices; bit 31: discovery log page change. */
    public static final int OAES_NAMESPACE_ATTRIBUTE = 1 << 8;
    public static final int OAES_DISCOVERY_CHANGE = 1 << 31;
    /** LPA: SMART per namespace, commands supported and effects, extended data, supported log pages. */
    public static final int LPA_SUPPORTED = 0x26;
    /** LPA of a discovery controller: extended data and supported log pages, not commands and effects (it has none to list). */
    public static final int LPA_DISCOVERY = 0x24;

    private IdentifyController() {
    }
}
