package io.ferry.nvmf.internal.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.Cqe;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.C2HData;
import io.ferry.nvmf.internal.pdu.CapsuleResp;
import io.ferry.nvmf.internal.pdu.CommonHeader;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.internal.pdu.Fault;
import io.ferry.nvmf.internal.pdu.Framing;
import io.ferry.nvmf.internal.pdu.H2CData;
import io.ferry.nvmf.internal.pdu.IcReq;
import io.ferry.nvmf.internal.pdu.IcResp;
import io.ferry.nvmf.internal.pdu.Le;
import io.ferry.nvmf.internal.pdu.PduEndpoint;
import io.ferry.nvmf.internal.pdu.PduTransport;
import io.ferry.nvmf.internal.pdu.PduType;
import io.ferry.nvmf.internal.pdu.R2T;
import io.ferry.nvmf.internal.pdu.TermReq;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

/**
 * The protocol engine of one host queue: ICReq/ICResp (checked as the Linux host checks it), then
 * commands in slots (CID = slot), writes in the capsule up to the queue's in-capsule limit and by
 * R2T/H2CData beyond it (one H2CData PDU at a time, each at most MAXH2CDATA), reads by C2HData,
 * responses handed to a {@link Listener} with primitives. Owned by one thread; the data buffer of
 * a command belongs to it until its completion.
 */
public final class HostQueue extends PduEndpoint {
    /** Told of completions and of the connection's end; primitives only. */
    public interface Listener {
        void completed(int cid, int status, int cdw0, int cdw1);

        void closed(Throwable cause);
    }

    private final PduTransport transport;
    private final Listener listener;
    private final Arena arena = Arena.ofShared();
    private final HostSlot[] slots;
    private final HostSender sender;
    private final boolean headerDigest;
    private final boolean dataDigest;
    private final int hpda;
    private boolean ready;
    private boolean closed;
    private Throwable closeCause;
    private HostSlot receiving;
    private int receivingLength;
    private int receivingFlags;

    /**
     * @param depth         command slots (the queue size asked for at Connect)
     * @param maxDataLength the most data bytes one command transfers
     */
    public HostQueue(PduTransport transport, Listener listener, int depth, boolean headerDigest, boolean dataDigest,
                     int hpda, int maxDataLength) {
        super(transport, PduType.FROM_CONTROLLER, maxDataLength);
        this.transport = transport;
        this.listener = listener;
        this.headerDigest = headerDigest;
        this.dataDigest = dataDigest;
        this.hpda = hpda;
        this.sender = new HostSender(transport, arena, headerDigest, dataDigest);
        this.slots = new HostSlot[depth];
        for (int i = 0; i < depth; i++) {
            slots[i] = new HostSlot(i, arena);
        }
    }

    /** Sends ICReq (MAXR2T 0, as SPDK's host). */
    public void start() {
        sender.icReq(hpda);
    }

    /** ICResp arrived and was accepted. */
    public boolean isReady() {
        return ready;
    }

    public boolean isClosed() {
        return closed;
    }

    public Throwable closeCause() {
        return closeCause;
    }

    /** MAXH2CDATA the controller announced. */
    public int maxH2cData() {
        return sender.maxH2cData();
    }

    /** H2CData PDUs carry at most this many bytes (and never more than MAXH2CDATA). */
    public void h2cChunkLimit(int bytes) {
        sender.h2cChunkLimit(bytes);
    }

    /** Writes up to this many bytes go in the capsule (8192 on admin queues; IOCCSZ * 16 - 64 on I/O queues). */
    public void inCapsuleLimit(int bytes) {
        sender.inCapsuleLimit(bytes);
    }

    /** A free slot (its index is the CID), or -1. */
    public int acquire() {
        for (HostSlot slot : slots) {
            if (!slot.busy) {
                slot.busy = true;
                return slot.cid;
            }
        }
        return -1;
    }

    /** Takes slot {@code cid} again if it is free: a command that continues in its slot (a read-modify-write). */
    public boolean acquire(int cid) {
        if (slots[cid].busy) {
            return false;
        }
        slots[cid].busy = true;
        return true;
    }

    /** Gives back a slot taken but not submitted (its command could not be prepared). */
    public void free(int cid) {
        slots[cid].busy = false;
        slots[cid].data = null;
    }

    /** The SQE of a slot, to be written with {@link HostCommands}. */
    public ByteBuffer sqe(int cid) {
        return slots[cid].sqe;
    }

    /**
     * Sends the command in slot {@code cid} with {@code length} bytes of {@code data} (null when
     * none), to the controller when {@code hostToController}, else from it.
     */
    public void submit(int cid, DataBuffer data, int length, boolean hostToController) {
        HostSlot slot = slots[cid];
        slot.begin(data, length, hostToController);
        slot.inCapsule = sender.capsule(slot, data, length, hostToController);
    }

    // ---- inbound ----

    @Override
    public long onHeader(ByteBuffer in, int at, int type, int flags, int dataLength) {
        return switch (type) {
            case PduType.IC_RESP -> icResp(in, at);
            case PduType.CAPSULE_RESP -> response(in, at);
            case PduType.C2H_DATA -> c2hData(in, at, flags, dataLength);
            case PduType.R2T -> r2t(in, at);
            default -> {
                transport.close(new FerryException(ErrorCode.IO_ERROR, "controller ended the connection with C2HTermReq: "
                        + TermReq.describe(in, at)));
                yield Fault.NONE;
            }
        };
    }

    private long icResp(ByteBuffer in, int at) {
        int digests = Le.u8(in, at + IcResp.DGST);
        long maxData = Le.u32(in, at + IcResp.MAXH2CDATA);
        if (Le.u16(in, at + IcResp.PFV) != 0) {
            return Fault.field(IcResp.PFV);
        }
        if (Le.u8(in, at + IcResp.CPDA) > Framing.MAX_PDA) {
            return Fault.field(IcResp.CPDA);
        }
        if (((digests & IcReq.DGST_HEADER) != 0) != headerDigest || ((digests & IcReq.DGST_DATA) != 0) != dataDigest) {
            return Fault.field(IcResp.DGST);
        }
        if (maxData < IcResp.MIN_MAXH2CDATA || maxData % 4 != 0 || maxData > Integer.MAX_VALUE) {
            return Fault.field(IcResp.MAXH2CDATA);
        }
        sender.negotiated(Le.u8(in, at + IcResp.CPDA), (int) maxData);
        reader.initialized(headerDigest, dataDigest, hpda);
        ready = true;
        return Fault.NONE;
    }

    private HostSlot busySlot(int cid) {
        return cid < slots.length && slots[cid].busy ? slots[cid] : null;
    }

    private long response(ByteBuffer in, int at) {
        int cqe = at + CapsuleResp.CQE;
        HostSlot slot = busySlot(Cqe.cid(in, cqe));
        if (slot == null) {
            return Fault.field(CapsuleResp.CQE + Cqe.CID);
        }
        int status = Cqe.status(in, cqe);
        complete(slot, status == Status.SUCCESS && slot.digestError ? Status.TRANSIENT_TRANSPORT_ERROR : status,
                Cqe.cdw0(in, cqe), Cqe.cdw1(in, cqe));
        return Fault.NONE;
    }

    private void complete(HostSlot slot, int status, int cdw0, int cdw1) {
        slot.busy = false;
        slot.data = null;
        listener.completed(slot.cid, status, cdw0, cdw1);
    }

    private long c2hData(ByteBuffer in, int at, int flags, int dataLength) {
        HostSlot slot = busySlot(Le.u16(in, at + C2HData.CCCID));
        if (slot == null || slot.hostToController) {
            return Fault.field(C2HData.CCCID);
        }
        long datao = Le.u32(in, at + C2HData.DATAO);
        if (dataLength == 0 || Le.u32(in, at + C2HData.DATAL) != dataLength) {
            return Fault.field(C2HData.DATAL);
        }
        if (datao != slot.received || datao + dataLength > slot.length) {
            return Fault.of(Fault.DATA_OUT_OF_RANGE, C2HData.DATAO);
        }
        receiving = slot;
        receivingLength = dataLength;
        receivingFlags = flags;
        reader.expectData(slot.data, (int) datao);
        return Fault.NONE;
    }

    @Override
    public void onData(boolean digestMatches) {
        HostSlot slot = receiving;
        receiving = null;
        slot.received += receivingLength;
        slot.digestError |= !digestMatches;
        int lastAndSuccess = CommonHeader.LAST_PDU | CommonHeader.SUCCESS;
        if ((receivingFlags & lastAndSuccess) == lastAndSuccess) {
            complete(slot, slot.digestError ? Status.TRANSIENT_TRANSPORT_ERROR : Status.SUCCESS, 0, 0);
        }
    }

    private long r2t(ByteBuffer in, int at) {
        HostSlot slot = busySlot(Le.u16(in, at + R2T.CCCID));
        if (slot == null || !slot.hostToController || slot.inCapsule) {
            return Fault.field(R2T.CCCID);
        }
        long offset = Le.u32(in, at + R2T.R2TO);
        long length = Le.u32(in, at + R2T.R2TL);
        if (length == 0 || offset + length > slot.length || slot.h2cNext < slot.h2cEnd) {
            return Fault.of(Fault.DATA_OUT_OF_RANGE, R2T.R2TO);
        }
        slot.ttag = Le.u16(in, at + R2T.TTAG);
        slot.h2cNext = (int) offset;
        slot.h2cEnd = (int) (offset + length);
        sender.h2cData(slot);
        return Fault.NONE;
    }

    @Override
    public void onFault(long fault, ByteBuffer in, int at, int copyLength) {
        closeCause = new FerryException(ErrorCode.IO_ERROR, "malformed PDU from the controller: " + Fault.describe(fault));
        sender.termReq(fault, in, at, copyLength);
    }

    // ---- outbound and close ----

    @Override
    public void onSent(long token) {
        if (token == HostSender.TOKEN_TERM_REQ) {
            transport.shutdown(closeCause);
            return;
        }
        if (token >= 0 && (token & 0x3) == HostSender.KIND_H2C) {
            HostSlot slot = slots[(int) (token >>> 2)];
            if (slot.busy && slot.h2cNext < slot.h2cEnd) {
                sender.h2cData(slot);
            }
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        reader.stop();
        if (closeCause == null) {
            closeCause = cause;
        }
        listener.closed(closeCause);
    }

    /** Frees the queue's buffers; after the connection closed. */
    public void release() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
