package io.ferry.settings;

/** Settings shared by every backend. */
public final class CoreSettings {
    /** Size of one bounce buffer; an I/O through a bounce buffer is never larger. */
    public static final Setting<Long> BOUNCE_BUFFER_SIZE = Setting.size("BOUNCE_BUFFER_SIZE", 1 << 20, 4096, 1L << 30,
            "size of one pooled bounce buffer, for heap and unaligned memory");

    /** Number of bounce buffers in the pool of each shard (each poll group's part of a backend). */
    public static final Setting<Integer> BOUNCE_BUFFER_COUNT = Setting.count("BOUNCE_BUFFER_COUNT", 16, 1, 65536,
            "bounce buffers per shard; memory used is count x size per shard");

    /** Transfers that may be posted and not yet complete, per backend. */
    public static final Setting<Integer> MAX_TRANSFERS_IN_FLIGHT = Setting.count("MAX_TRANSFERS_IN_FLIGHT", 4096, 1, 1 << 20,
            "posted transfers that may be in flight at once; posting more fails with QUEUE_FULL");

    private CoreSettings() {
    }
}
