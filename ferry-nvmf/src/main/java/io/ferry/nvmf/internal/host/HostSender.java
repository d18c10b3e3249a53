package io.ferry.nvmf.internal.host;

import io.ferry.nvmf.internal.nvme.Sgl;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.pdu.CapsuleCmd;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.internal.pdu.Digest;
import io.ferry.nvmf.internal.pdu.Framing;
import io.ferry.nvmf.internal.pdu.H2CData;
import io.ferry.nvmf.internal.pdu.IcReq;
import io.ferry.nvmf.internal.pdu.Le;
import io.ferry.nvmf.internal.pdu.PduTransport;
import io.ferry.nvmf.internal.pdu.PduType;
import io.ferry.nvmf.internal.pdu.TermReq;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The outbound half of a host queue: ICReq, command capsules (data in the capsule up to the
 * queue's limit), H2CData answering an R2T, H2CTermReq, each built in buffers of the queue or its
 * slots. Tokens name the slot and what was sent. On the queue's thread.
 */
final class HostSender {
    static final long TOKEN_IC_REQ = -1;
    static final long TOKEN_TERM_REQ = -2;
    static final int KIND_CAPSULE = 1;
    static final int KIND_H2C = 2;

    private final PduTransport transport;
    private final Digest digest = new Digest();
    private final ByteBuffer icReq;
    private final ByteBuffer termReq;
    private final boolean headerDigest;
    private final boolean dataDigest;
    private int inCapsuleLimit = 8192;
    private int h2cChunkLimit = Integer.MAX_VALUE;
    private int cpda;
    private int maxH2cData;

    HostSender(PduTransport transport, Arena arena, boolean headerDigest, boolean dataDigest) {
        this.transport = transport;
        this.headerDigest = headerDigest;
        this.dataDigest = dataDigest;
        this.icReq = arena.allocate(IcReq.LENGTH).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.termReq = arena.allocate(TermReq.MAX_LENGTH).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** ICResp's CPDA and MAXH2CDATA, for the PDUs sent from now on. */
    void negotiated(int cpda, int maxH2cData) {
        this.cpda = cpda;
        this.maxH2cData = maxH2cData;
    }

    int maxH2cData() {
        return maxH2cData;
    }

    void inCapsuleLimit(int bytes) {
        inCapsuleLimit = bytes;
    }

    void h2cChunkLimit(int bytes) {
        h2cChunkLimit = bytes;
    }

    /** ICReq with MAXR2T 0, as SPDK's host sends it. */
    void icReq(int hpda) {
        icReq.clear();
        IcReq.put(icReq, hpda, headerDigest, dataDigest, 0);
        transport.send(TOKEN_IC_REQ, icReq);
    }

    /** Sends the capsule of a slot whose SQE is written; returns whether its data went in the capsule. */
    boolean capsule(HostSlot slot, DataBuffer data, int length, boolean hostToController) {
        boolean inCapsule = hostToController && length <= inCapsuleLimit;
        slot.capsule.clear();
        Sgl.put(slot.sqe, Sqe.SGL1, inCapsule ? Sgl.IN_CAPSULE : Sgl.TRANSPORT, length);
        int icd = inCapsule ? length : 0;
        int pdo = CapsuleCmd.putHeader(slot.capsule, headerDigest, dataDigest, icd, cpda);
        sealHeader(slot.capsule, CapsuleCmd.HLEN);
        int headerEnd = Framing.headerBytes(CapsuleCmd.HLEN, headerDigest);
        long token = (long) slot.cid << 2 | KIND_CAPSULE;
        if (icd == 0) {
            slot.capsule.clear().limit(headerEnd);
            transport.send(token, slot.capsuleOnly);
            return inCapsule;
        }
        Le.zero(slot.capsule, headerEnd, pdo - headerEnd);
        slot.capsule.clear().limit(pdo);
        send(token, slot.capsule, data.window(0, icd), slot.capsuleDigest, slot.capsuleAndData, slot.capsuleDataDigest, 0, icd);
        return true;
    }

    /** The next H2CData PDU of the slot's R2T range, at most MAXH2CDATA (and the chunk limit) long. */
    void h2cData(HostSlot slot) {
        int length = Math.min(Math.min(maxH2cData, h2cChunkLimit), slot.h2cEnd - slot.h2cNext);
        int offset = slot.h2cNext;
        slot.h2cNext += length;
        slot.h2cHeader.clear();
        int pdo = H2CData.put(slot.h2cHeader, headerDigest, dataDigest, cpda, slot.cid, slot.ttag, offset, length,
                slot.h2cNext == slot.h2cEnd);
        sealHeader(slot.h2cHeader, H2CData.HLEN);
        slot.h2cHeader.clear().limit(pdo);
        send((long) slot.cid << 2 | KIND_H2C, slot.h2cHeader, slot.data.window(offset, length), slot.h2cDigest,
                slot.h2cAndData, slot.h2cDataDigest, offset, length);
    }

    /** Ends the stream: an H2CTermReq quoting {@code copyLength} bytes of the offending header. */
    void termReq(long fault, ByteBuffer source, int from, int copyLength) {
        termReq.clear();
        int plen = TermReq.put(termReq, PduType.H2C_TERM_REQ, fault, source, from, copyLength);
        termReq.clear().limit(plen);
        transport.send(TOKEN_TERM_REQ, termReq);
    }

    private void send(long token, ByteBuffer header, ByteBuffer data, ByteBuffer digestBuffer, ByteBuffer[] two,
                      ByteBuffer[] three, int offset, int length) {
        if (dataDigest) {
            digestBuffer.clear();
            Le.put32(digestBuffer, 0, digest.compute(data, offset, length));
            three[0] = header;
            three[1] = data;
            three[2] = digestBuffer;
            transport.send(token, three);
        } else {
            two[0] = header;
            two[1] = data;
            transport.send(token, two);
        }
    }

    private void sealHeader(ByteBuffer b, int hlen) {
        if (headerDigest) {
            digest.sealHeader(b, hlen);
        }
    }
}
