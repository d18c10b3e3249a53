package io.ferry.nvmf.internal.host;

import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.pdu.CapsuleCmd;
import io.ferry.nvmf.internal.pdu.DataBuffer;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One command slot of a {@link HostQueue}: its capsule and H2CData buffers, send arrays and transfer state; CID = index. */
final class HostSlot {
    private static final int HEADER_BYTES = 132;

    final int cid;
    final ByteBuffer capsule;
    final ByteBuffer sqe;
    final ByteBuffer capsuleDigest;
    final ByteBuffer h2cHeader;
    final ByteBuffer h2cDigest;
    final ByteBuffer[] capsuleOnly;
    final ByteBuffer[] capsuleAndData = new ByteBuffer[2];
    final ByteBuffer[] capsuleDataDigest = new ByteBuffer[3];
    final ByteBuffer[] h2cAndData = new ByteBuffer[2];
    final ByteBuffer[] h2cDataDigest = new ByteBuffer[3];

    boolean busy;
    DataBuffer data;
    int length;
    boolean hostToController;
    boolean inCapsule;
    int received;
    boolean digestError;
    /** The R2T being answered: tag, next offset to send, end of its range. */
    int ttag;
    int h2cNext;
    int h2cEnd;

    HostSlot(int cid, Arena arena) {
        this.cid = cid;
        ByteBuffer all = arena.allocate(2 * HEADER_BYTES + 8, 64).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        capsule = all.slice(0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        sqe = capsule.slice(CapsuleCmd.SQE, Sqe.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        h2cHeader = all.slice(HEADER_BYTES, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        capsuleDigest = all.slice(2 * HEADER_BYTES, 4).order(ByteOrder.LITTLE_ENDIAN);
        h2cDigest = all.slice(2 * HEADER_BYTES + 4, 4).order(ByteOrder.LITTLE_ENDIAN);
        capsuleOnly = new ByteBuffer[] {capsule};
    }

    void begin(DataBuffer data, int length, boolean hostToController) {
        this.busy = true;
        this.data = data;
        this.length = length;
        this.hostToController = hostToController;
        this.inCapsule = false;
        this.received = 0;
        this.digestError = false;
        this.h2cNext = 0;
        this.h2cEnd = 0;
    }
}
