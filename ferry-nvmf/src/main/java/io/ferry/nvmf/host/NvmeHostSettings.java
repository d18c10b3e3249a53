package io.ferry.nvmf.host;

import io.ferry.settings.Setting;

import java.util.List;

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

    /**
     * The host NQN sent in Connect, which a target's allow-list must name. {@code auto}: the first line
     * of {@code /etc/nvme/hostnqn} where that file exists (the machine's host NQN, as nvme-cli and
     * the Linux host send it), else {@code nqn.2014-08.org.nvmexpress:uuid:} with a UUID new per backend.
     * {@link NvmeBackend.Factory#hostNqn} overrides it.
     */
    public static final Setting<String> NVME_HOST_NQN = Setting.word("NVME_HOST_NQN", HostNqn.AUTO, List.of(),
            "NVMe/TCP host: the host NQN sent in Connect, which a target's allow-list must name; auto: the first line of "
                    + "/etc/nvme/hostnqn where it exists, as nvme-cli, else nqn.2014-08.org.nvmexpress:uuid: with a new UUID");

    private NvmeHostSettings() {
    }
}
