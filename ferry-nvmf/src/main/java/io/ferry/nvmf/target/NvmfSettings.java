package io.ferry.nvmf.target;

import io.ferry.settings.Setting;

/** Settings of the NVMe/TCP target; SPDK's TCP transport defaults (nvme-tcp-notes.md §1). */
public final class NvmfSettings {
    /** Entries of an I/O queue a host may ask for at Connect (CAP.MQES + 1). */
    public static final Setting<Integer> NVMF_MAX_QUEUE_DEPTH = Setting.count("NVMF_MAX_QUEUE_DEPTH", 128, 2, 4096,
            "NVMe/TCP target: most entries of an I/O queue (CAP.MQES + 1)");

    /** Entries of an admin queue a host may ask for at Connect. */
    public static final Setting<Integer> NVMF_MAX_ADMIN_QUEUE_DEPTH = Setting.count("NVMF_MAX_ADMIN_QUEUE_DEPTH", 128, 32,
            4096, "NVMe/TCP target: most entries of an admin queue");

    /** Queues (connections) of one controller, the admin queue included. */
    public static final Setting<Integer> NVMF_MAX_QUEUES_PER_CONTROLLER = Setting.count("NVMF_MAX_QUEUES_PER_CONTROLLER",
            128, 2, 1024, "NVMe/TCP target: most queues (connections) of one controller, admin queue included");

    /** Largest write carried inside a command capsule on an I/O queue (IOCCSZ); larger ones use R2T. */
    public static final Setting<Long> NVMF_IN_CAPSULE_DATA_SIZE = Setting.size("NVMF_IN_CAPSULE_DATA_SIZE", 4096, 0,
            65536, "NVMe/TCP target: largest in-capsule write on an I/O queue (a multiple of 16)");

    /** Largest data transfer of one command (MDTS), a power of two of 4 KiB. */
    public static final Setting<Long> NVMF_MAX_IO_SIZE = Setting.size("NVMF_MAX_IO_SIZE", 131072, 4096, 1 << 24,
            "NVMe/TCP target: largest data transfer of one command (MDTS; a power of two from 4 KiB)");

    /** Buffers of NVMF_MAX_IO_SIZE each queue keeps for transfers larger than in-capsule data. */
    public static final Setting<Integer> NVMF_DATA_BUFFERS_PER_QUEUE = Setting.count("NVMF_DATA_BUFFERS_PER_QUEUE", 32,
            1, 4096, "NVMe/TCP target: buffers of NVMF_MAX_IO_SIZE per queue for transfers beyond in-capsule size");

    /** Operations each poll group keeps outstanding on one namespace's device. */
    public static final Setting<Integer> NVMF_DEVICE_QUEUE_DEPTH = Setting.count("NVMF_DEVICE_QUEUE_DEPTH", 256, 1,
            65536, "NVMe/TCP target: operations each poll group keeps outstanding on one namespace's device");

    private NvmfSettings() {
    }
}
