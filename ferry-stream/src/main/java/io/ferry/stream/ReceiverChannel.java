package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.link.Connection;
import io.ferry.stream.link.ConnectionHandler;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.prepare.Decoder;
import io.ferry.stream.prepare.PacketBuffer;
import io.ferry.stream.prepare.PacketChecksum;
import io.ferry.stream.prepare.ZeroBlocks;
import io.ferry.stream.receive.ReceiveSlots;
import io.ferry.stream.wire.CodecId;
import io.ferry.stream.wire.EndOfStream;
import io.ferry.stream.wire.ErrorPacket;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.SyncPacket;
import io.ferry.stream.wire.WireCheck;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One receiving channel: a connection handler that reads the handshake, then header after header,
 * has each payload placed straight into a receive slot, checks its checksum, decodes it and hands it
 * to the {@link StreamReceiver} to write. It stops reading at a sync point until the receiver releases
 * it, and when no slot is free. Explicit states; every packet is checked against the channel's stream
 * id, channel id and next sequence number.
 */
final class ReceiverChannel implements ConnectionHandler {
    enum State { HANDSHAKE, HEADER, PULLING_HEADER, PAYLOAD, MANIFEST, ERROR_MESSAGE, WAIT_SLOT, WAIT_ZERO_SLOT, AT_SYNC, ENDED, CLOSED }

    private final StreamReceiver receiver;
    private final ChannelAdmission admission;
    private final Connection connection;
    private final ChannelReplies replies;
    private final ByteBuffer header = ByteBuffer.allocateDirect(PacketHeader.SIZE);
    private final MemorySegment headerMemory = MemorySegment.ofBuffer(header);
    private final PacketChecksum checksum = new PacketChecksum();
    private final Decoder[] decoders = new Decoder[CodecId.LIMIT];
    private ByteBuffer scratch;
    private MemorySegment scratchMemory;
    State state = State.HANDSHAKE;
    int id = -1;
    long syncId;
    long syncPosition;
    long endSync;
    long endPosition;
    private long activity;
    private long lastActivity = -1;
    private long lastActiveNs;
    private long expectedSequence;
    private int slot = -1;
    private long zeroOffset;
    private long zeroRemaining;

    /** A connection's handler; it takes memory from the receiver only once its handshake is admitted. */
    ReceiverChannel(StreamReceiver receiver, Connection connection) {
        this.receiver = receiver;
        this.admission = receiver.admission();
        this.connection = connection;
        this.replies = new ChannelReplies(connection);
    }

    @Override
    public void onReceive(ByteBuffer in) {
        while (in.remaining() >= PacketHeader.SIZE && (state == State.HANDSHAKE || state == State.HEADER)) {
            header.clear().put(0, in, in.position(), PacketHeader.SIZE);
            in.position(in.position() + PacketHeader.SIZE);
            activity++;
            if (state == State.HANDSHAKE) {
                handshake();
            } else {
                onHeader();
            }
        }
    }

    private void handshake() {
        WireCheck check = Handshake.check(header, 0);
        FerryException refusal = !check.isOk() ? protocol("a malformed handshake: " + check.description())
                : !receiver.isOpen() ? new FerryException(ErrorCode.CLOSED, "the stream has ended")
                : admission.admit(this, header);
        if (refusal != null) {
            state = State.CLOSED;
            replies.refuse(admission.refusal(refusal), refusal);
            return;
        }
        id = Handshake.channel(header, 0);
        replies.bind(receiver.controlPackets(id));
        scratchMemory = receiver.scratch();
        scratch = scratchMemory.asByteBuffer();
        state = State.HEADER;
    }

    private void onHeader() {
        WireCheck check = PacketHeader.check(header, 0, admission.blockSize());
        if (!check.isOk()) {
            fail(protocol("a malformed packet: " + check.description()));
            return;
        }
        if (PacketHeader.streamId(header, 0) != admission.streamId() || PacketHeader.channel(header, 0) != id
                || PacketHeader.sequence(header, 0) != expectedSequence) {
            fail(protocol("a packet of another stream or channel, or out of sequence (expected "
                    + expectedSequence + ")"));
            return;
        }
        expectedSequence++;
        int wire = PacketHeader.wireLength(header, 0);
        switch (PacketHeader.type(header, 0)) {
            case DATA -> data();
            case ZERO -> zero();
            case MANIFEST -> receiveScratch(id == 0 && !receiver.started() ? State.MANIFEST : null, wire);
            case ERROR -> receiveScratch(State.ERROR_MESSAGE, wire);
            case SYNC -> {
                if (intact(0)) {
                    syncId = SyncPacket.syncId(header, 0);
                    syncPosition = SyncPacket.position(header, 0);
                    hold(State.AT_SYNC);
                }
            }
            case END -> {
                if (intact(0)) {
                    endSync = EndOfStream.syncId(header, 0);
                    endPosition = EndOfStream.position(header, 0);
                    state = State.ENDED;
                }
            }
            case SYNC_ACK -> fail(protocol("an acknowledgement, which only receivers send"));
        }
    }

    private void data() {
        int codec = PacketHeader.codec(header, 0);
        FerryException wrong = !receiver.started() ? protocol("data before the manifest")
                : codec != CodecId.NONE && codec != admission.codecId() ? protocol("a packet of another codec")
                : receiver.checkRange(PacketHeader.offset(header, 0), PacketHeader.length(header, 0));
        if (wrong != null) {
            fail(wrong);
            return;
        }
        int free = slots().acquire();
        if (free < 0) {
            hold(State.WAIT_SLOT);
            receiver.waitForSlot(this);
        } else {
            land(free);
        }
    }

    /** Waits in {@code waiting}, reading nothing more until the wait ends with a {@code receiveInto}. */
    private void hold(State waiting) {
        state = waiting;
        connection.pauseReceiving();
    }

    private ReceiveSlots slots() {
        return receiver.writes().slots();
    }

    private void land(int free) {
        slot = free;
        state = State.PAYLOAD;
        int wire = PacketHeader.wireLength(header, 0);
        PacketBuffer landing = PacketHeader.codec(header, 0) == CodecId.NONE ? slots().data(free) : slots().wire(free);
        connection.receiveInto(landing.memory(), PacketBuffer.PAYLOAD_AT, wire);
    }

    private void zero() {
        long offset = PacketHeader.offset(header, 0);
        long length = PacketHeader.length(header, 0);
        FerryException wrong = !receiver.started() ? protocol("data before the manifest") : receiver.checkRange(offset, length);
        if (wrong != null) {
            fail(wrong);
        } else if (intact(0)) {
            if (receiver.needsZeros()) {
                zeroOffset = offset;
                zeroRemaining = length;
                writeZeros();
            } else {
                receiver.holeLeft(length);
            }
        }
    }

    /** A device gets zero runs written, a block at a time from zeroed slots. */
    private void writeZeros() {
        while (zeroRemaining > 0) {
            int free = slots().acquire();
            if (free < 0) {
                hold(State.WAIT_ZERO_SLOT);
                receiver.waitForSlot(this);
                return;
            }
            int length = (int) Math.min(zeroRemaining, admission.blockSize());
            ZeroBlocks.fill(slots().data(free).memory(), PacketBuffer.PAYLOAD_AT, length);
            receiver.write(free, zeroOffset, length);
            zeroOffset += length;
            zeroRemaining -= length;
        }
        state = State.HEADER;
    }

    private void receiveScratch(State next, int wire) {
        if (next == null) {
            fail(protocol("a manifest after the stream started, or on a channel other than 0"));
        } else if (wire > scratchMemory.byteSize()) {
            fail(protocol("a manifest piece larger than " + scratchMemory.byteSize() + " bytes"));
        } else {
            state = next;
            if (wire == 0) {
                onReceivedInto(scratchMemory.asSlice(0, 0));
            } else {
                connection.receiveInto(scratchMemory, 0, wire);
            }
        }
    }

    @Override
    public void onReceivedInto(MemorySegment target) {
        activity++;
        int wire = PacketHeader.wireLength(header, 0);
        switch (state) {
            case PULLING_HEADER -> {
                state = State.HEADER;
                onHeader();
            }
            case MANIFEST -> {
                if (intact(wire)) {
                    state = State.HEADER;
                    receiver.manifestPiece(PacketHeader.offset(header, 0), PacketHeader.length(header, 0),
                            scratch.limit(wire).position(0));
                }
            }
            case ERROR_MESSAGE -> {
                if (intact(wire)) {
                    ErrorCode code = ErrorCode.of(ErrorPacket.errorCode(header, 0));
                    fail(new FerryException(code == null ? ErrorCode.PROTOCOL_ERROR : code,
                            "the sender failed: " + ErrorPacket.message(scratch.clear(), 0, wire)));
                }
            }
            case PAYLOAD -> payload(wire);
            default -> fail(protocol("bytes it did not ask for"));
        }
    }

    private void payload(int wire) {
        int length = (int) PacketHeader.length(header, 0);
        int codec = PacketHeader.codec(header, 0);
        PacketBuffer data = slots().data(slot);
        PacketBuffer landed = codec == CodecId.NONE ? data : slots().wire(slot);
        if (!checksum.verify(header, 0, landed.buffer(), PacketBuffer.PAYLOAD_AT, wire)) {
            corrupt();
            return;
        }
        if (codec != CodecId.NONE && decoder(codec).decode(landed, PacketBuffer.PAYLOAD_AT, wire, data,
                PacketBuffer.PAYLOAD_AT, length) < 0) {
            fail(new FerryException(ErrorCode.VERIFY_FAILED, "the packet at stream offset "
                    + PacketHeader.offset(header, 0) + " on channel " + id + " does not decode"));
            return;
        }
        int written = slot;
        slot = -1;
        state = State.HEADER;
        receiver.write(written, PacketHeader.offset(header, 0), length);
    }

    private Decoder decoder(int codec) {
        if (decoders[codec] == null) {
            decoders[codec] = Codec.newDecoder(codec);
        }
        return decoders[codec];
    }

    /** Checks the checksum of the header and {@code wire} bytes of scratch payload; fails the stream if wrong. */
    private boolean intact(int wire) {
        if (checksum.verify(header, 0, scratch, 0, wire)) {
            return true;
        }
        corrupt();
        return false;
    }

    private void corrupt() {
        fail(new FerryException(ErrorCode.VERIFY_FAILED, "a corrupt packet (checksum mismatch) at stream offset "
                + PacketHeader.offset(header, 0) + " on channel " + id));
    }

    /** A slot is free for a channel that waited for one. */
    void slotFree(int free) {
        if (state == State.WAIT_SLOT) {
            land(free);
        } else {
            slots().release(free);
            writeZeros();
            if (state == State.HEADER) {
                pullHeader();
            }
        }
    }

    /** The receiver confirmed the sync point this channel stopped at: read on. */
    void releaseSync() {
        pullHeader();
    }

    private void pullHeader() {
        state = State.PULLING_HEADER;
        connection.receiveInto(headerMemory);
    }

    /** Sends an acknowledgement on this channel. */
    void ack(long syncId, long position) {
        replies.ack(syncId, position);
    }

    @Override
    public void onSent(ByteBuffer buffer) {
        replies.onSent();
    }

    /** Tells the peer why (best effort) and closes. */
    void sendErrorAndClose(FerryException cause) {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            replies.failAndClose(cause);
        }
    }

    void close(FerryException cause) {
        state = State.CLOSED;
        connection.close(cause);
    }

    /**
     * True when nothing arrived since the last check more than {@code timeoutNs} ago. Held channels (at a
     * sync point, at the end, waiting for a slot) count as active: the wait is not theirs.
     */
    boolean isIdleTooLong(long nowNs, long timeoutNs) {
        boolean held = state == State.AT_SYNC || state == State.ENDED || state == State.WAIT_SLOT
                || state == State.WAIT_ZERO_SLOT;
        if (state == State.CLOSED) {
            return false;
        }
        if (lastActivity != activity || held) {
            lastActivity = activity;
            lastActiveNs = nowNs;
            return false;
        }
        return nowNs - lastActiveNs > timeoutNs;
    }

    private void fail(FerryException cause) {
        receiver.fail(cause);
    }

    private FerryException protocol(String what) {
        return new FerryException(ErrorCode.PROTOCOL_ERROR, "channel " + (id < 0 ? "(before its handshake)" : id)
                + " sent " + what);
    }

    @Override
    public void onClosed(FerryException cause) {
        boolean expected = state == State.CLOSED || state == State.ENDED;
        state = State.CLOSED;
        receiver.closed(this);
        closeDecoders();
        if (!expected) {
            receiver.channelLost(this, cause);
        }
    }

    /** Frees the decoders' native contexts. Idempotent. */
    void closeDecoders() {
        for (int i = 0; i < decoders.length; i++) {
            if (decoders[i] != null) {
                decoders[i].close();
                decoders[i] = null;
            }
        }
    }
}
