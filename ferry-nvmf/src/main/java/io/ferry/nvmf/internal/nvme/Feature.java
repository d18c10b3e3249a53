package io.ferry.nvmf.internal.nvme;

/** Set/Get Features (nvme-tcp-notes.md §5.4): identifiers and command fields. */
public final class Feature {
    public static final int ARBITRATION = 0x01;
    public static final int POWER_MANAGEMENT = 0x02;
    public static final int TEMPERATURE_THRESHOLD = 0x04;
    public static final int ERROR_RECOVERY = 0x05;
    public static final int VOLATILE_WRITE_CACHE = 0x06;
    public static final int NUMBER_OF_QUEUES = 0x07;
    public static final int ASYNC_EVENT_CONFIGURATION = 0x0B;
    public static final int KEEP_ALIVE_TIMER = 0x0F;

    /** Temperature threshold: 343 K (70 °C), the composite temperature's over-threshold default of NVMe drives. */
    public static final int DEFAULT_TEMPERATURE_THRESHOLD = 343;

    /** AEC bit 8: namespace attribute notices. */
    public static final int AEC_NAMESPACE_ATTRIBUTE = 1 << 8;
    /** AEC bit 31: discovery log page change notices. */
    public static final int AEC_DISCOVERY_CHANGE = 1 << 31;

    private Feature() {
    }

    /** FID: CDW10[7:0]. */
    public static int id(int cdw10) {
        return cdw10 & 0xFF;
    }

    /** SV: CDW10 bit 31 (Set Features: save). */
    public static boolean save(int cdw10) {
        return cdw10 < 0;
    }
}
