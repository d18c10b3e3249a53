package io.ferry.nvmf.host;

import io.ferry.settings.Setting;

/** Settings of the NVMe/TCP host (the {@code nvme} backend). */
public final class NvmeHostSettings {
    /** The deepest I/O queue the host asks for. */
    public static final int NVME_QUEUE_DEPTH_MAX = 4096;

    /** Commands each namespace keeps in flight on its I/O queue (capped by the controller's CAP.MQES). */
    public static final Setting<Integer> NVME_QUEUE_DEPTH = Setting.count("NVME_QUEUE_DEPTH", 32, 1, NVME_QUEUE_DEPTH_MAX,
            "NVMe/TCP host: commands kept in flight on a namespace's I/O queue (capped by the controller's CAP.MQES)");

    private NvmeHostSettings() {
    }
}
