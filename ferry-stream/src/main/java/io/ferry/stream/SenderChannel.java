package io.ferry.stream;

import io.ferry.stream.prepare.Batch;
import io.ferry.stream.prepare.PacketPreparer;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.send.SendOp;

/**
 * One sending channel: it owns one batch, its prepare op (with its compression context) and its send
 * op, and has at most one packet in flight (QEMU's MultiFDSendParams with its pending job).
 */
final class SenderChannel {
    final int id;
    final PacketPreparer preparer;
    Batch batch;
    SendOp op;
    boolean busy;
    boolean handshaken;
    long syncSent;
    boolean endSent;
    /** Bytes put on this channel: headers and (compressed) payloads. */
    long wireBytes;

    SenderChannel(int id, PacketPreparer preparer, Batch batch) {
        this.id = id;
        this.preparer = preparer;
        this.batch = batch;
    }

    boolean idle() {
        return !busy;
    }

    /** Takes the producer's filled batch, gives back this channel's empty one, and sends the packet. */
    Batch swapAndSend(Batch filled) {
        Batch empty = batch;
        empty.clear();
        batch = filled;
        send(preparer.prepare(filled));
        return empty;
    }

    /** Hands {@code packet} to the send op; the channel is busy until it reports the packet sent. */
    void send(PreparedPacket packet) {
        busy = true;
        wireBytes += packet.length();
        op.send(packet);
    }
}
