package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.nvme.Status;

/**
 * A controller's property registers (nvme-tcp-notes.md §4.2): CAP, VS, CC, CSTS, and AQA, ASQ and
 * ACQ reading 0. Setting CC.EN enables the controller at once (CSTS.RDY follows), clearing it
 * resets it, and a shutdown notification completes at once (CSTS.SHST = 10b). On the controller's
 * thread.
 */
final class Registers {
    /** Property Get of an unknown register or size. */
    static final long INVALID = -1;
    /** CAP.TO: 15 s, in 500 ms units, as SPDK reports. */
    private static final int TIMEOUT_HALF_SECONDS = 30;

    private final Controller controller;
    private final long capabilities;
    private int configuration;
    private int status;

    Registers(Controller controller, int maxQueueEntries) {
        this.controller = controller;
        this.capabilities = Property.capabilities(maxQueueEntries, TIMEOUT_HALF_SECONDS);
    }

    /** The value of a register, or {@link #INVALID}; 4-byte reads of either half of CAP are allowed. */
    long get(int offset, boolean eightBytes) {
        return switch (offset) {
            case Property.CAP -> eightBytes ? capabilities : capabilities & 0xFFFF_FFFFL;
            case Property.CAP + 4 -> eightBytes ? INVALID : capabilities >>> 32;
            case Property.VS -> eightBytes ? INVALID : Property.VERSION_2_0;
            case Property.CC -> eightBytes ? INVALID : configuration & 0xFFFF_FFFFL;
            case Property.CSTS -> eightBytes ? INVALID : status & 0xFFFF_FFFFL;
            case Property.AQA -> eightBytes ? INVALID : 0;
            case Property.ASQ, Property.ACQ -> 0;
            default -> INVALID;
        };
    }

    /** Sets a register; only CC is writable. Returns a status. */
    int set(int offset, boolean eightBytes, long value) {
        if (offset != Property.CC || eightBytes) {
            return Status.CONNECT_INVALID_PARAMETERS;
        }
        int next = (int) value;
        if ((next & Property.CC_MPS_AMS_MASK) != 0) {
            return Status.INVALID_FIELD;
        }
        int previous = configuration;
        configuration = next;
        boolean wasEnabled = (previous & Property.CC_EN) != 0;
        boolean enable = (next & Property.CC_EN) != 0;
        int shutdown = next & Property.CC_SHN_MASK;
        if (shutdown != 0 && (previous & Property.CC_SHN_MASK) == 0) {
            controller.shutdown();
            status = status & ~Property.CSTS_SHST_COMPLETE | Property.CSTS_SHST_COMPLETE;
        } else if (shutdown == 0) {
            status &= ~Property.CSTS_SHST_COMPLETE;
        }
        if (enable && !wasEnabled && shutdown == 0) {
            controller.enable();
            status |= Property.CSTS_RDY;
        } else if (!enable && wasEnabled) {
            controller.reset();
            status &= ~Property.CSTS_RDY;
        }
        return Status.SUCCESS;
    }

    /** CSTS.CFS: the controller failed (its keep-alive timer expired). */
    void fatal() {
        status |= Property.CSTS_CFS;
    }
}
