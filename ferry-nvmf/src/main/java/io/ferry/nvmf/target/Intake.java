package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.Opcode;
import io.ferry.nvmf.internal.nvme.Sgl;
import io.ferry.nvmf.internal.nvme.Sqe;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.CapsuleCmd;
import io.ferry.nvmf.internal.pdu.CommonHeader;
import io.ferry.nvmf.internal.pdu.Fault;
import io.ferry.nvmf.internal.pdu.Framing;
import io.ferry.nvmf.internal.pdu.H2CData;
import io.ferry.nvmf.internal.pdu.IcReq;
import io.ferry.nvmf.internal.pdu.Le;
import io.ferry.nvmf.internal.pdu.PduReader;
import io.ferry.nvmf.internal.pdu.PduType;
import io.ferry.nvmf.internal.pdu.TermReq;

import java.nio.ByteBuffer;

/**
 * The inbound half of a queue pair: checks each PDU header from the host (ICReq, CapsuleCmd and
 * its SGL, H2CData against the request it names) and turns it into request work, or into a
 * {@link Fault} that ends the connection. On the queue pair's thread.
 */
final class Intake {
    private final QueuePair queue;
    private final Requests requests;
    private final PduSender sender;
    private final PduReader reader;
    private Request receiving;
    private int receivingLength;

    Intake(QueuePair queue, Requests requests, PduSender sender, PduReader reader) {
        this.queue = queue;
        this.requests = requests;
        this.sender = sender;
        this.reader = reader;
    }

    long onHeader(ByteBuffer in, int at, int type, int flags, int dataLength) {
        return switch (type) {
            case PduType.IC_REQ -> icReq(in, at);
            case PduType.CAPSULE_CMD -> capsule(in, at, dataLength);
            case PduType.H2C_DATA -> h2cData(in, at, dataLength);
            default -> {
                queue.closeWith(new FerryException(ErrorCode.IO_ERROR, "host ended the connection with H2CTermReq: "
                        + TermReq.describe(in, at)));
                yield Fault.NONE;
            }
        };
    }

    private long icReq(ByteBuffer in, int at) {
        if (Le.u16(in, at + IcReq.PFV) != 0) {
            return Fault.field(IcReq.PFV);
        }
        int hpda = Le.u8(in, at + IcReq.HPDA);
        if (hpda > Framing.MAX_PDA) {
            return Fault.field(IcReq.HPDA);
        }
        int dgst = Le.u8(in, at + IcReq.DGST);
        boolean headerDigest = (dgst & IcReq.DGST_HEADER) != 0;
        boolean dataDigest = (dgst & IcReq.DGST_DATA) != 0;
        sender.icResp(headerDigest, dataDigest, hpda, queue.group().target().options().maxIoSize());
        reader.initialized(headerDigest, dataDigest, 0);
        return Fault.NONE;
    }

    private long capsule(ByteBuffer in, int at, int dataLength) {
        Request r = requests.take();
        if (r == null) {
            return Fault.of(Fault.PDU_SEQUENCE_ERROR, 0);
        }
        r.begin(in, at + CapsuleCmd.SQE);
        queue.transition(r, RequestState.NEW);
        int opcode = Sqe.opcode(r.sqe);
        r.hostToController = Opcode.isHostToController(opcode == Opcode.FABRICS ? Sqe.fctype(r.sqe) : opcode);
        int sgl = Sgl.identifier(r.sqe, Sqe.SGL1);
        long sglLength = Sgl.length(r.sqe, Sqe.SGL1);
        int sglAt = CapsuleCmd.SQE + Sqe.SGL1;
        long fault = Fault.NONE;
        if (dataLength > 0 || sgl == Sgl.IN_CAPSULE) {
            if (sgl != Sgl.IN_CAPSULE) {
                fault = Fault.field(sglAt + Sgl.IDENTIFIER);
            } else if (Sgl.address(r.sqe, Sqe.SGL1) != 0) {
                fault = Fault.of(Fault.UNSUPPORTED_PARAMETER, sglAt + Sgl.ADDRESS);
            } else if (sglLength != dataLength) {
                fault = Fault.field(CommonHeader.PLEN);
            } else if (dataLength > inCapsuleLimit(opcode)) {
                fault = Fault.of(Fault.DATA_LIMIT_EXCEEDED, CommonHeader.PLEN);
            }
            if (fault != Fault.NONE) {
                queue.release(r);
                return fault;
            }
            r.length = dataLength;
            r.inCapsule = true;
            r.data = r.own;
            if (dataLength > 0) {
                queue.transition(r, RequestState.TRANSFERRING_HOST_TO_CONTROLLER);
                receiving = r;
                reader.expectData(r.own, 0);
                return Fault.NONE;
            }
            queue.transition(r, RequestState.READY_TO_EXECUTE);
        } else if (sgl == Sgl.TRANSPORT) {
            if (Sgl.address(r.sqe, Sqe.SGL1) != 0) {
                fault = Fault.of(Fault.UNSUPPORTED_PARAMETER, sglAt + Sgl.ADDRESS);
            } else if (sglLength > queue.group().target().options().maxIoSize()) {
                fault = Fault.of(Fault.DATA_LIMIT_EXCEEDED, sglAt + Sgl.LENGTH);
            }
            if (fault != Fault.NONE) {
                queue.release(r);
                return fault;
            }
            r.length = (int) sglLength;
            queue.transition(r, r.length > 0 ? RequestState.NEED_BUFFER : RequestState.READY_TO_EXECUTE);
        } else {
            r.fail(Status.SGL_DESCRIPTOR_TYPE_INVALID);
            queue.transition(r, RequestState.READY_TO_COMPLETE);
        }
        queue.advance(r);
        return Fault.NONE;
    }

    /** Admin queues and Fabrics commands take up to 8 KiB in the capsule; I/O commands the configured size. */
    private int inCapsuleLimit(int opcode) {
        return opcode == Opcode.FABRICS || queue.qid() <= 0 ? TargetOptions.ADMIN_IN_CAPSULE_DATA_SIZE
                : queue.group().target().options().inCapsuleDataSize();
    }

    private long h2cData(ByteBuffer in, int at, int dataLength) {
        int ttag = Le.u16(in, at + H2CData.TTAG);
        Request r = ttag >= 1 && ttag <= requests.count() ? requests.get(ttag - 1) : null;
        if (r == null) {
            return Fault.field(H2CData.TTAG);
        }
        if (r.state != RequestState.TRANSFERRING_HOST_TO_CONTROLLER && r.state != RequestState.AWAITING_R2T_ACK
                || r.inCapsule) {
            return Fault.of(Fault.PDU_SEQUENCE_ERROR, H2CData.TTAG);
        }
        if (Le.u16(in, at + H2CData.CCCID) != r.cid()) {
            return Fault.field(H2CData.CCCID);
        }
        long datal = Le.u32(in, at + H2CData.DATAL);
        long datao = Le.u32(in, at + H2CData.DATAO);
        if (dataLength == 0 || datal != dataLength) {
            return Fault.field(H2CData.DATAL);
        }
        if (datal > queue.group().target().options().maxIoSize()) {
            return Fault.of(Fault.DATA_LIMIT_EXCEEDED, H2CData.DATAL);
        }
        if (datao != r.received || datao + datal > r.length) {
            return Fault.of(Fault.DATA_OUT_OF_RANGE, H2CData.DATAO);
        }
        if (r.state == RequestState.AWAITING_R2T_ACK) {
            queue.transition(r, RequestState.TRANSFERRING_HOST_TO_CONTROLLER);
        }
        receiving = r;
        receivingLength = dataLength;
        reader.expectData(r.data, (int) datao);
        return Fault.NONE;
    }

    void onData(boolean digestMatches) {
        Request r = receiving;
        receiving = null;
        r.digestError |= !digestMatches;
        if (!r.inCapsule) {
            r.received += receivingLength;
            if (r.received < r.length) {
                return;
            }
        }
        if (r.digestError) {
            r.fail(Status.TRANSIENT_TRANSPORT_ERROR);
            queue.transition(r, RequestState.READY_TO_COMPLETE);
        } else {
            queue.transition(r, RequestState.READY_TO_EXECUTE);
        }
        queue.advance(r);
    }
}
