package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;

/**
 * The limits of a {@link Target}, read once from {@link NvmfSettings} and checked together.
 *
 * @param maxQueueDepth          most entries of an I/O queue
 * @param maxAdminQueueDepth     most entries of an admin queue
 * @param maxQueuesPerController queues of one controller, admin included
 * @param inCapsuleDataSize      largest in-capsule write on an I/O queue, bytes
 * @param maxIoSize              largest transfer of one command, bytes (MDTS)
 * @param dataBuffersPerQueue    transfer buffers of {@code maxIoSize} per I/O queue
 * @param deviceQueueDepth       operations per poll group and namespace device
 */
public record TargetOptions(int maxQueueDepth, int maxAdminQueueDepth, int maxQueuesPerController,
                            int inCapsuleDataSize, int maxIoSize, int dataBuffersPerQueue, int deviceQueueDepth) {
    /** In-capsule data an admin queue or a Fabrics command may carry, whatever the setting (§2.5). */
    public static final int ADMIN_IN_CAPSULE_DATA_SIZE = 8192;
    /** Transfer buffers of an admin queue (its transfers beyond 8 KiB are rare: large log pages). */
    static final int ADMIN_DATA_BUFFERS = 2;

    /**
     * Checks the sizes together: in-capsule data a multiple of 16 bytes and no larger than the largest
     * I/O, which is a power of two of at least 4 KiB.
     */
    public TargetOptions {
        if (inCapsuleDataSize % 16 != 0) {
            throw invalid("in-capsule data size must be a multiple of 16 bytes: " + inCapsuleDataSize);
        }
        if (maxIoSize < 4096 || Integer.bitCount(maxIoSize) != 1) {
            throw invalid("largest I/O must be a power of two of at least 4096 bytes: " + maxIoSize);
        }
        if (inCapsuleDataSize > maxIoSize) {
            throw invalid("in-capsule data size " + inCapsuleDataSize + " exceeds the largest I/O " + maxIoSize);
        }
    }

    /** The limits {@code settings} give, read from {@link NvmfSettings}. */
    public static TargetOptions from(Settings settings) {
        return new TargetOptions(settings.get(NvmfSettings.NVMF_MAX_QUEUE_DEPTH),
                settings.get(NvmfSettings.NVMF_MAX_ADMIN_QUEUE_DEPTH),
                settings.get(NvmfSettings.NVMF_MAX_QUEUES_PER_CONTROLLER),
                Math.toIntExact(settings.get(NvmfSettings.NVMF_IN_CAPSULE_DATA_SIZE)),
                Math.toIntExact(settings.get(NvmfSettings.NVMF_MAX_IO_SIZE)),
                settings.get(NvmfSettings.NVMF_DATA_BUFFERS_PER_QUEUE),
                settings.get(NvmfSettings.NVMF_DEVICE_QUEUE_DEPTH));
    }

    /** The limits every setting of {@link NvmfSettings} gives at its default. */
    public static TargetOptions defaults() {
        return from(Settings.defaults());
    }

    /** MDTS of Identify Controller: log2 of the largest transfer in 4 KiB pages. */
    int mdts() {
        return Integer.numberOfTrailingZeros(maxIoSize / 4096);
    }

    private static FerryException invalid(String message) {
        return new FerryException(ErrorCode.INVALID_SETTING, message);
    }
}
