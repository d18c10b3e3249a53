package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.pdu.DataBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One command slot of a queue pair, reused for every command it carries: a copy of the SQE, its
 * own PDU buffers (C2HData header, data digest, CapsuleResp, R2T) and send arrays, and a buffer
 * for in-capsule data and small transfers. Owned by the queue pair's thread; never allocated per
 * command.
 */
final class Request {
    /** Outcomes of executing a command. */
    static final int DONE = 0;
    /** Runs asynchronously (device I/O, a held event request): it completes later. */
    static final int PENDING = 1;
    /** Cannot start now (paused subsystem, full device queue): tried again at the next poll. */
    static final int RETRY = 2;

    private static final int PDU_BYTES = 256;

    final int index;
    final ByteBuffer sqe;
    final ByteBuffer c2hHeader;
    final ByteBuffer dataDigest;
    final ByteBuffer response;
    final ByteBuffer r2t;
    final ByteBuffer[] responseOnly;
    final ByteBuffer[] r2tOnly;
    final ByteBuffer[] dataAndResponse = new ByteBuffer[3];
    final ByteBuffer[] dataOnly = new ByteBuffer[2];
    final ByteBuffer[] dataAndDigest = new ByteBuffer[3];
    final ByteBuffer[] dataDigestAndResponse = new ByteBuffer[4];
    final DataBuffer own;

    RequestState state = RequestState.FREE;
    /** Where the command's data is: {@link #own} or one of the queue pair's transfer buffers. */
    DataBuffer data;
    /** The queue pair's transfer buffer in use, or -1. */
    int transferBuffer = -1;
    /** Bytes of data the SGL describes. */
    int length;
    /** Bytes of host data received so far. */
    int received;
    boolean inCapsule;
    boolean hostToController;
    boolean digestError;
    int status;
    int cdw0;
    int cdw1;
    /** Bytes of data to return to the host with a successful completion. */
    int c2hLength;
    /** Device operations outstanding. */
    int deviceOps;
    /** Next Dataset Management range to submit. */
    int nextRange;

    Request(int index, Arena arena, int ownBytes) {
        this.index = index;
        ByteBuffer pdus = arena.allocate(PDU_BYTES, 64).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        sqe = slice(pdus, 0, Sqe.LENGTH);
        c2hHeader = slice(pdus, 64, 132);
        dataDigest = slice(pdus, 196, 4);
        response = slice(pdus, 200, 28);
        r2t = slice(pdus, 228, 28);
        responseOnly = new ByteBuffer[] {response};
        r2tOnly = new ByteBuffer[] {r2t};
        own = new DataBuffer(arena.allocate(Math.max(ownBytes, 1), 4096).asSlice(0, ownBytes));
    }

    private static ByteBuffer slice(ByteBuffer b, int at, int length) {
        return b.slice(at, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Takes a new command: copies its SQE from {@code in} at {@code at} and clears the last one's state. */
    void begin(ByteBuffer in, int at) {
        sqe.put(0, in, at, Sqe.LENGTH);
        data = null;
        transferBuffer = -1;
        length = 0;
        received = 0;
        inCapsule = false;
        hostToController = false;
        digestError = false;
        status = 0;
        cdw0 = 0;
        cdw1 = 0;
        c2hLength = 0;
        deviceOps = 0;
        nextRange = 0;
    }

    int cid() {
        return Sqe.cid(sqe);
    }

    /** Ends execution with a status and no data for the host. */
    int fail(int status) {
        this.status = status;
        this.c2hLength = 0;
        return DONE;
    }

    /** Ends execution successfully, returning {@code bytes} of {@link #data} to the host. */
    int succeed(int cdw0, int bytes) {
        this.status = 0;
        this.cdw0 = cdw0;
        this.c2hLength = bytes;
        return DONE;
    }
}
