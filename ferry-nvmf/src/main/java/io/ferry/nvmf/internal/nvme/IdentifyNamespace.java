package io.ferry.nvmf.internal.nvme;

/** Offsets of the Identify Namespace page, CNS 00h (nvme-tcp-notes.md §5.3). */
public final class IdentifyNamespace {
    /** NSZE, u64: size in logical blocks. */
    public static final int NSZE = 0;
    /** NCAP, u64. */
    public static final int NCAP = 8;
    /** NUSE, u64. */
    public static final int NUSE = 16;
    public static final int NSFEAT = 24;
    /** NLBAF, 0's based number of LBA formats. */
    public static final int NLBAF = 25;
    public static final int FLBAS = 26;
    /** DLFEAT: bits 2:0 = 001b, deallocated blocks read as zeroes. */
    public static final int DLFEAT = 33;
    public static final int NMIC = 30;
    /** NGUID, 16 bytes. */
    public static final int NGUID = 104;
    /** LBAF0, u32: MS[15:0] | LBADS[23:16] (log2 of the block size) | RP[25:24]. */
    public static final int LBAF0 = 128;

    public static final int DLFEAT_READS_ZEROES = 0x1;
    /** NSFEAT bit 2: the namespace supports deallocation of blocks. */
    public static final int NSFEAT_DEALLOCATE = 0x4;

    private IdentifyNamespace() {
    }
}
