package io.ferry.nvmf.internal.nvme;

/** The discovery log page, LID 70h (nvme-tcp-notes.md §5.6): a 1024-byte header, then 1024-byte entries. */
public final class DiscoveryLog {
    public static final int RECORD_LENGTH = 1024;
    /** Header: GENCTR, u64. */
    public static final int GENCTR = 0;
    /** Header: NUMREC, u64. */
    public static final int NUMREC = 8;
    /** Header: RECFMT, u16. */
    public static final int RECFMT = 16;

    /** Entry: TRTYPE, u8 (3 = TCP). */
    public static final int TRTYPE = 0;
    /** Entry: ADRFAM, u8 (1 IPv4, 2 IPv6). */
    public static final int ADRFAM = 1;
    /** Entry: SUBTYPE, u8 (2 NVMe subsystem, 3 current discovery subsystem). */
    public static final int SUBTYPE = 2;
    /** Entry: TREQ, u8 (bits 1:0 = 10b: secure channel not required). */
    public static final int TREQ = 3;
    public static final int PORTID = 4;
    public static final int CNTLID = 6;
    public static final int ASQSZ = 8;
    /** Entry: TRSVCID, 32 bytes ASCII (the port). */
    public static final int TRSVCID = 32;
    public static final int TRSVCID_LENGTH = 32;
    /** Entry: SUBNQN, 256 bytes. */
    public static final int SUBNQN = 256;
    /** Entry: TRADDR, 256 bytes ASCII (the address). */
    public static final int TRADDR = 512;
    public static final int TRADDR_LENGTH = 256;
    /** Entry: TSAS, 256 bytes; for TCP SECTYPE u8 at its start (0 none). */
    public static final int TSAS = 768;

    public static final int TRTYPE_TCP = 3;
    public static final int ADRFAM_IPV4 = 1;
    public static final int ADRFAM_IPV6 = 2;
    public static final int SUBTYPE_NVME = 2;
    public static final int SUBTYPE_CURRENT_DISCOVERY = 3;
    public static final int TREQ_NOT_REQUIRED = 0x2;

    private DiscoveryLog() {
    }
}
