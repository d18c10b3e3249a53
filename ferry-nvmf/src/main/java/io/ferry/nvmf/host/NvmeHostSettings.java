package io.ferry.nvmf.host;

import io.ferry.settings.Setting;

/** Settings of the NVMe/TCP host (the {@code nvme} backend). */
public final class NvmeHostSettings {
    /** The deepest I/O queue the host asks for. */
    public static final int NVME_QUEUE_DEPTH_MAX = 4096;

    /** Commands kept in flight on each I/O queue of a namespace, one queue per poll group (capped by the controller's CAP.MQES). */
    public static final Setting<Integer> NVME_QUEUE_DEPTH = Setting.count("NVME_QUEUE_DEPTH", 32, 1, NVME_QUEUE_DEPTH_MAX,
            "NVMe/TCP host: commands kept in flight on each I/O queue of a namespace, one queue per poll group (capped by the controller's CAP.MQES)");

    /**
     * How long a controller whose connection was lost (or that stopped answering Keep Alive) keeps
     * trying to reconnect, with back-off, before the I/O waiting for it fails; 0 fails it at once.
     * Linux calls this ctrl_loss_tmo, SPDK ctrlr_loss_timeout_sec.
     */
    public static final Setting<Long> NVME_RECONNECT_TIMEOUT = Setting.durationNs("NVME_RECONNECT_TIMEOUT", 10_000_000_000L,
            0L, 3_600_000_000_000L,
            "NVMe/TCP host: how long a lost controller connection is retried (back-off from 10 ms to 1 s) before its I/O fails; 0 fails at once");

    private NvmeHostSettings() {
    }
}
