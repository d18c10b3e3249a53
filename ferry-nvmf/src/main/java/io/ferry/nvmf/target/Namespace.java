package io.ferry.nvmf.target;

import io.ferry.nvmf.device.BlockDevice;

import java.util.UUID;

/**
 * A namespace of a subsystem: an NSID over a {@link BlockDevice}, with a unique NGUID and UUID
 * (hosts reject namespaces without one; multipath matches on them). Immutable.
 */
public final class Namespace {
    private final Subsystem subsystem;
    private final int nsid;
    private final BlockDevice device;
    private final UUID uuid;
    private final UUID nguid;
    private final int index;

    Namespace(Subsystem subsystem, int nsid, BlockDevice device, int index) {
        this.subsystem = subsystem;
        this.nsid = nsid;
        this.device = device;
        this.uuid = UUID.randomUUID();
        this.nguid = UUID.randomUUID();
        this.index = index;
    }

    /** The subsystem the namespace belongs to. */
    public Subsystem subsystem() {
        return subsystem;
    }

    /** The namespace id within its subsystem, 1 to {@link Subsystem#MAX_NAMESPACES}. */
    public int nsid() {
        return nsid;
    }

    /** The device that stores the namespace's blocks. */
    public BlockDevice device() {
        return device;
    }

    /** The namespace's UUID, chosen at random when it was added. */
    public UUID uuid() {
        return uuid;
    }

    /** The 16-byte NGUID, as a UUID's two halves (most significant first, as it is sent). */
    public UUID nguid() {
        return nguid;
    }

    /** A number unique in the target, for poll groups' tables of channels. */
    int index() {
        return index;
    }

    @Override
    public String toString() {
        return subsystem.nqn() + " namespace " + nsid + " (" + device.describe() + ")";
    }
}
