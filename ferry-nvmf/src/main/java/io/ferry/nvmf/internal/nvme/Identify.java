package io.ferry.nvmf.internal.nvme;

/** Identify (nvme-tcp-notes.md §5.2, §5.3): CNS values and command fields; pages are 4096 bytes. */
public final class Identify {
    public static final int PAGE_LENGTH = 4096;
    public static final int CNS_NAMESPACE = 0x00;
    public static final int CNS_CONTROLLER = 0x01;
    public static final int CNS_ACTIVE_NAMESPACES = 0x02;
    public static final int CNS_NAMESPACE_DESCRIPTORS = 0x03;
    public static final int CNS_IO_COMMAND_SET_CONTROLLER = 0x06;

    /** Namespace identification descriptor types (NIDT) and lengths. */
    public static final int NIDT_NGUID = 2;
    public static final int NIDT_UUID = 3;
    public static final int NIDT_CSI = 4;

    private Identify() {
    }

    /** CNS: CDW10[7:0]. */
    public static int cns(int cdw10) {
        return cdw10 & 0xFF;
    }

    /** CSI: CDW11[31:24]. */
    public static int csi(int cdw11) {
        return cdw11 >>> 24;
    }
}
