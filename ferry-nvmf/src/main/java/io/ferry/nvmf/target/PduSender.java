package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Cqe;
import io.ferry.nvmf.internal.pdu.C2HData;
import io.ferry.nvmf.internal.pdu.CapsuleResp;
import io.ferry.nvmf.internal.pdu.CommonHeader;
import io.ferry.nvmf.internal.pdu.Digest;
import io.ferry.nvmf.internal.pdu.IcResp;
import io.ferry.nvmf.internal.pdu.Le;
import io.ferry.nvmf.internal.pdu.PduTransport;
import io.ferry.nvmf.internal.pdu.PduType;
import io.ferry.nvmf.internal.pdu.R2T;
import io.ferry.nvmf.internal.pdu.TermReq;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds the PDUs a controller sends (ICResp, R2T, C2HData, CapsuleResp, C2HTermReq) in buffers it
 * owns and queues them on the connection. A send's token names what was sent: a request slot and a
 * kind, or the queue pair itself. One per queue pair, on its thread.
 */
final class PduSender {
    static final long TOKEN_IC_RESP = -1;
    static final long TOKEN_TERM_REQ = -2;
    static final int KIND_R2T = 1;
    static final int KIND_RESPONSE = 2;

    private final PduTransport transport;
    private final Digest digest = new Digest();
    private final ByteBuffer icResp;
    private final ByteBuffer termReq;
    private final ByteBuffer[] icRespOnly;
    private final ByteBuffer[] termReqOnly;
    private boolean headerDigest;
    private boolean dataDigest;
    private boolean successInData;
    private int hpda;

    PduSender(PduTransport transport, Arena arena) {
        this.transport = transport;
        this.icResp = arena.allocate(IcResp.LENGTH).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.termReq = arena.allocate(TermReq.MAX_LENGTH).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.icRespOnly = new ByteBuffer[] {icResp};
        this.termReqOnly = new ByteBuffer[] {termReq};
    }

    static long token(Request r, int kind) {
        return (long) r.index << 2 | kind;
    }

    static int index(long token) {
        return (int) (token >>> 2);
    }

    static int kind(long token) {
        return (int) (token & 0x3);
    }

    /** Answers ICReq: CPDA 0, the digests asked for, MAXH2CDATA; later PDUs use these digests and HPDA. */
    void icResp(boolean headerDigest, boolean dataDigest, int hpda, int maxH2cData) {
        this.headerDigest = headerDigest;
        this.dataDigest = dataDigest;
        this.hpda = hpda;
        icResp.clear();
        IcResp.put(icResp, 0, headerDigest, dataDigest, maxH2cData);
        icResp.clear();
        transport.send(TOKEN_IC_RESP, icRespOnly);
    }

    /** Asks for the whole of a write's data, with TTAG = slot + 1 (never 0), as SPDK does. */
    void r2t(Request r) {
        r.r2t.clear();
        int plen = R2T.put(r.r2t, headerDigest, r.cid(), r.index + 1, 0, r.length);
        sealHeader(r.r2t, R2T.HLEN);
        r.r2t.clear().limit(plen);
        transport.send(token(r, KIND_R2T), r.r2tOnly);
    }

    /** Whether a successful read ends with its C2HData flagged SUCCESS, with no response (the host disabled SQ flow control). */
    void successInData(boolean enabled) {
        successInData = enabled;
    }

    /**
     * Sends the response, after the data when the command succeeded with data for the host (one
     * C2HData, LAST_PDU); that C2HData carries SUCCESS instead, and no response follows, when the
     * host disabled SQ flow control and the completion has nothing to say but success (§2.7).
     */
    void complete(Request r, int sqhd) {
        r.response.clear();
        Cqe.put(r.response, CapsuleResp.CQE, r.cdw0, r.cdw1, sqhd, r.cid(), r.status);
        int plen = CapsuleResp.putHeader(r.response, headerDigest);
        sealHeader(r.response, CapsuleResp.HLEN);
        r.response.clear().limit(plen);
        if (r.status != 0 || r.c2hLength == 0) {
            transport.send(token(r, KIND_RESPONSE), r.responseOnly);
            return;
        }
        boolean success = successInData && r.cdw0 == 0 && r.cdw1 == 0;
        r.c2hHeader.clear();
        int pdo = C2HData.put(r.c2hHeader, headerDigest, dataDigest, hpda, r.cid(), 0, r.c2hLength,
                success ? CommonHeader.LAST_PDU | CommonHeader.SUCCESS : CommonHeader.LAST_PDU);
        sealHeader(r.c2hHeader, C2HData.HLEN);
        r.c2hHeader.clear().limit(pdo);
        ByteBuffer data = r.data.window(0, r.c2hLength);
        if (dataDigest) {
            r.dataDigest.clear();
            Le.put32(r.dataDigest, 0, digest.compute(data, 0, r.c2hLength));
            r.dataDigest.clear();
            ByteBuffer[] send = success ? r.dataAndDigest : r.dataDigestAndResponse;
            send[0] = r.c2hHeader;
            send[1] = data;
            send[2] = r.dataDigest;
            if (!success) {
                send[3] = r.response;
            }
            transport.send(token(r, KIND_RESPONSE), send);
        } else {
            ByteBuffer[] send = success ? r.dataOnly : r.dataAndResponse;
            send[0] = r.c2hHeader;
            send[1] = data;
            if (!success) {
                send[2] = r.response;
            }
            transport.send(token(r, KIND_RESPONSE), send);
        }
    }

    /** Ends the stream: a C2HTermReq quoting {@code copyLength} bytes of the offending header. */
    void termReq(long fault, ByteBuffer source, int from, int copyLength) {
        termReq.clear();
        int plen = TermReq.put(termReq, PduType.C2H_TERM_REQ, fault, source, from, copyLength);
        termReq.clear().limit(plen);
        transport.send(TOKEN_TERM_REQ, termReqOnly);
    }

    private void sealHeader(ByteBuffer b, int hlen) {
        if (headerDigest) {
            digest.sealHeader(b, hlen);
        }
    }
}
