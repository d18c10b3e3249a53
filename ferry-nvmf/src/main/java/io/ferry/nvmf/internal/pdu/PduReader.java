package io.ferry.nvmf.internal.pdu;

import java.nio.ByteBuffer;

/**
 * The receive state machine of one connection, shared by controller and host
 * (nvme-tcp-notes.md §1, "Receive state machine"): common header, rest of the header with its
 * digest, padding, data (straight into the sink's memory through
 * {@link PduTransport#receiveInto}), data digest. Everything the header says is checked before
 * anything is read on its word: the type against the direction and the connection's phase, HLEN,
 * FLAGS against the negotiated digests, PLEN and PDO against each other and against the largest
 * data the connection takes, the header digest. A violation becomes a {@link Fault} handed to
 * {@link Sink#onFault}, after which the reader swallows all input; nothing throws and nothing is
 * allocated, whatever the bytes.
 */
public final class PduReader {
    /** Receives what the reader parsed; called on the connection's thread. */
    public interface Sink {
        /**
         * A whole header arrived, its digest checked: {@code in} holds it from {@code at}. Accept it
         * by returning {@link Fault#NONE}, after calling {@link #expectData} when
         * {@code dataLength > 0}, or refuse it with a fault.
         */
        long onHeader(ByteBuffer in, int at, int type, int flags, int dataLength);

        /** The data of the last header is in the sink's memory; {@code digestMatches} is false on a data digest error. */
        void onData(boolean digestMatches);

        /**
         * The stream is broken: answer with a TermReq quoting {@code copyLength} bytes of {@code in}
         * from {@code at} (the offending header, or what arrived of it) and close.
         */
        void onFault(long fault, ByteBuffer in, int at, int copyLength);
    }

    private static final int COMMON_HEADER = 0;
    private static final int HEADER = 1;
    private static final int PADDING = 2;
    private static final int DATA = 3;
    private static final int DATA_DIGEST = 4;
    private static final int STOPPED = 5;

    private final PduTransport transport;
    private final Sink sink;
    private final int acceptedTypes;
    private final int maxDataLength;
    private final Digest digest = new Digest();
    private boolean initialized;
    private boolean headerDigest;
    private boolean dataDigest;
    private int alignment;

    private int state = COMMON_HEADER;
    private int type;
    private int flags;
    private int headerBytes;
    private int dataOffsetInPdu;
    private int dataLength;
    private int paddingLeft;
    private DataBuffer data;
    private int dataOffset;

    /**
     * @param acceptedTypes {@link PduType#FROM_HOST} or {@link PduType#FROM_CONTROLLER}
     * @param maxDataLength the most data bytes one PDU may carry on this connection
     */
    public PduReader(PduTransport transport, Sink sink, int acceptedTypes, int maxDataLength) {
        this.transport = transport;
        this.sink = sink;
        this.acceptedTypes = acceptedTypes;
        this.maxDataLength = maxDataLength;
    }

    /**
     * ICReq/ICResp was exchanged: from now on only other PDUs are accepted, with these digests.
     *
     * @param pda the PDU data alignment this side asked for (CPDA or HPDA), 0's based dwords
     */
    public void initialized(boolean headerDigest, boolean dataDigest, int pda) {
        this.initialized = true;
        this.headerDigest = headerDigest;
        this.dataDigest = dataDigest;
        this.alignment = pda == 0 ? 0 : (pda + 1) * 4;
    }

    /** From {@link Sink#onHeader}: the PDU's data goes to {@code buffer} from {@code offset}. */
    public void expectData(DataBuffer buffer, int offset) {
        this.data = buffer;
        this.dataOffset = offset;
    }

    /** Stops parsing: input is swallowed from now on (the connection is closing). */
    public void stop() {
        state = STOPPED;
    }

    public boolean isStopped() {
        return state == STOPPED;
    }

    /** Parses what {@code in} holds; see {@link PduHandler#onReceive}. */
    public void onReceive(ByteBuffer in) {
        while (true) {
            switch (state) {
                case COMMON_HEADER -> {
                    if (in.remaining() < CommonHeader.LENGTH) {
                        return;
                    }
                    long fault = readCommonHeader(in, in.position());
                    if (fault != Fault.NONE) {
                        fail(fault, in, in.position());
                        return;
                    }
                    state = HEADER;
                }
                case HEADER -> {
                    if (in.remaining() < headerBytes || !header(in, in.position())) {
                        return;
                    }
                }
                case PADDING -> {
                    int skip = Math.min(paddingLeft, in.remaining());
                    in.position(in.position() + skip);
                    paddingLeft -= skip;
                    if (paddingLeft > 0) {
                        return;
                    }
                    state = DATA;
                    transport.receiveInto(data.memory(), dataOffset, dataLength);
                    return;
                }
                case DATA -> {
                    return;
                }
                case DATA_DIGEST -> {
                    if (in.remaining() < CommonHeader.DIGEST_LENGTH) {
                        return;
                    }
                    int received = Le.i32(in, in.position());
                    in.position(in.position() + CommonHeader.DIGEST_LENGTH);
                    state = COMMON_HEADER;
                    sink.onData(received == digest.compute(data.view(), dataOffset, dataLength));
                }
                default -> {
                    in.position(in.limit());
                    return;
                }
            }
        }
    }

    /** The data asked for by {@link PduTransport#receiveInto} arrived. */
    public void onReceivedInto() {
        if (state != DATA) {
            return;
        }
        if (dataDigest) {
            state = DATA_DIGEST;
        } else {
            state = COMMON_HEADER;
            sink.onData(true);
        }
    }

    private boolean header(ByteBuffer in, int at) {
        if (headerDigestApplies()) {
            int received = Le.i32(in, at + headerBytes - CommonHeader.DIGEST_LENGTH);
            if (received != digest.compute(in, at, headerBytes - CommonHeader.DIGEST_LENGTH)) {
                fail(Fault.of(Fault.HEADER_DIGEST_ERROR, received), in, at);
                return false;
            }
        }
        data = null;
        long fault = sink.onHeader(in, at, type, flags, dataLength);
        if (fault != Fault.NONE) {
            fail(fault, in, at);
            return false;
        }
        if (state == STOPPED || PduType.isTermReq(type)) {
            state = STOPPED;
            in.position(in.limit());
            return false;
        }
        in.position(at + headerBytes);
        if (dataLength == 0) {
            state = COMMON_HEADER;
            return true;
        }
        if (data == null) {
            throw new IllegalStateException(PduType.name(type) + " with data accepted without a place for it");
        }
        paddingLeft = dataOffsetInPdu - headerBytes;
        state = PADDING;
        return true;
    }

    private boolean headerDigestApplies() {
        return initialized && headerDigest && PduType.hasHeaderDigest(type);
    }

    /** Checks the common header and derives the header and data lengths, or returns a fault. */
    private long readCommonHeader(ByteBuffer in, int at) {
        type = CommonHeader.type(in, at);
        flags = CommonHeader.flags(in, at);
        int hlen = CommonHeader.hlen(in, at);
        int pdo = CommonHeader.pdo(in, at);
        long plen = CommonHeader.plen(in, at);
        if (type >= Integer.SIZE || (acceptedTypes & 1 << type) == 0) {
            return Fault.field(CommonHeader.TYPE);
        }
        boolean initialize = PduType.isInitialize(type);
        if (initialize == initialized && !PduType.isTermReq(type)) {
            return Fault.of(Fault.PDU_SEQUENCE_ERROR, 0);
        }
        if (hlen != PduType.headerLength(type)) {
            return Fault.field(CommonHeader.HLEN);
        }
        boolean digestApplies = headerDigestApplies();
        if (PduType.hasHeaderDigest(type) && ((flags & CommonHeader.HDGSTF) != 0) != digestApplies) {
            return Fault.field(CommonHeader.FLAGS);
        }
        headerBytes = Framing.headerBytes(hlen, digestApplies);
        dataLength = 0;
        if (initialize) {
            return plen == hlen ? Fault.NONE : Fault.field(CommonHeader.PLEN);
        }
        if (PduType.isTermReq(type)) {
            return plen >= hlen && plen <= TermReq.MAX_LENGTH ? Fault.NONE : Fault.field(CommonHeader.PLEN);
        }
        if (plen == headerBytes) {
            return Fault.NONE;
        }
        if (!PduType.mayCarryData(type) || plen < headerBytes) {
            return Fault.field(CommonHeader.PLEN);
        }
        if (pdo < headerBytes || pdo > Framing.MAX_DATA_OFFSET || pdo >= plen
                || (alignment != 0 && pdo % alignment != 0)) {
            return Fault.field(CommonHeader.PDO);
        }
        if (((flags & CommonHeader.DDGSTF) != 0) != dataDigest) {
            return Fault.field(CommonHeader.FLAGS);
        }
        long length = plen - pdo - (dataDigest ? CommonHeader.DIGEST_LENGTH : 0);
        if (length <= 0) {
            return Fault.field(CommonHeader.PLEN);
        }
        if (length > maxDataLength) {
            return Fault.of(Fault.DATA_LIMIT_EXCEEDED, CommonHeader.PLEN);
        }
        dataOffsetInPdu = pdo;
        dataLength = (int) length;
        return Fault.NONE;
    }

    private void fail(long fault, ByteBuffer in, int at) {
        state = STOPPED;
        int hlen = CommonHeader.hlen(in, at);
        int quoted = Math.min(in.limit() - at, Math.min(TermReq.MAX_ERROR_DATA, Math.max(CommonHeader.LENGTH, hlen)));
        sink.onFault(fault, in, at, quoted);
        in.position(in.limit());
    }
}
