package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Feature;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;

/**
 * Set and Get Features (nvme-tcp-notes.md §5.4): number of queues, asynchronous event
 * configuration, keep-alive timer and volatile write cache; arbitration, power management,
 * temperature threshold and error recovery can be read (their defaults: a virtual controller has
 * nothing to tune there, but spdk_nvme_identify reads them); others are an invalid field, which
 * both Linux and SPDK hosts accept. Values cannot be saved.
 */
final class Features {
    private Features() {
    }

    static int set(Controller controller, Request r) {
        int cdw10 = Sqe.cdw(r.sqe, Sqe.CDW10);
        int value = Sqe.cdw(r.sqe, Sqe.CDW11);
        if (Feature.save(cdw10)) {
            return r.fail(Status.FEATURE_NOT_SAVEABLE);
        }
        int id = Feature.id(cdw10);
        if (controller.isDiscovery() && id != Feature.KEEP_ALIVE_TIMER && id != Feature.ASYNC_EVENT_CONFIGURATION) {
            return r.fail(Status.INVALID_FIELD);
        }
        switch (id) {
            case Feature.NUMBER_OF_QUEUES -> {
                if ((value & 0xFFFF) == 0xFFFF || value >>> 16 == 0xFFFF) {
                    return r.fail(Status.INVALID_FIELD);
                }
                if (controller.hasIoQueues()) {
                    return r.fail(Status.COMMAND_SEQUENCE_ERROR);
                }
                return r.succeed(controller.grantedQueues(), 0);
            }
            case Feature.ASYNC_EVENT_CONFIGURATION -> controller.eventConfiguration(value);
            case Feature.KEEP_ALIVE_TIMER -> {
                if (value == 0) {
                    return r.fail(Status.KEEP_ALIVE_INVALID);
                }
                controller.keepAliveMs(value);
            }
            case Feature.VOLATILE_WRITE_CACHE -> controller.writeCache((value & 1) != 0);
            default -> {
                return r.fail(Status.INVALID_FIELD);
            }
        }
        return r.succeed(0, 0);
    }

    static int get(Controller controller, Request r) {
        int id = Feature.id(Sqe.cdw(r.sqe, Sqe.CDW10));
        if (controller.isDiscovery() && id != Feature.KEEP_ALIVE_TIMER && id != Feature.ASYNC_EVENT_CONFIGURATION) {
            return r.fail(Status.INVALID_FIELD);
        }
        return switch (id) {
            case Feature.NUMBER_OF_QUEUES -> r.succeed(controller.grantedQueues(), 0);
            case Feature.ASYNC_EVENT_CONFIGURATION -> r.succeed(controller.eventConfiguration(), 0);
            case Feature.KEEP_ALIVE_TIMER -> r.succeed(controller.keepAliveMs(), 0);
            case Feature.VOLATILE_WRITE_CACHE -> r.succeed(controller.writeCache() ? 1 : 0, 0);
            case Feature.ARBITRATION, Feature.POWER_MANAGEMENT, Feature.ERROR_RECOVERY -> r.succeed(0, 0);
            case Feature.TEMPERATURE_THRESHOLD -> r.succeed(Feature.DEFAULT_TEMPERATURE_THRESHOLD, 0);
            default -> r.fail(Status.INVALID_FIELD);
        };
    }
}
