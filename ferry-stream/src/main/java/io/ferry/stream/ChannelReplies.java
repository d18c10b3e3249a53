package io.ferry.stream;

import io.ferry.FerryException;
import io.ferry.stream.link.Connection;
import io.ferry.stream.prepare.ControlPackets;

import java.nio.ByteBuffer;

/**
 * What a receiving channel sends back: acknowledgements (on channel 0) and, once, an error before it
 * closes. One acknowledgement in flight at a time (they are cumulative, so a newer one replaces one
 * that has not gone out yet); the error, in a buffer of its own, goes behind it.
 */
final class ChannelReplies {
    private final Connection connection;
    private final ByteBuffer[] outgoing = new ByteBuffer[1];
    private ControlPackets control;
    private boolean sending;
    private boolean ackPending;
    private long ackSync;
    private long ackPosition;
    /** An error went out or is going: nothing more is sent, and the connection ends once it is out. */
    private boolean ending;

    ChannelReplies(Connection connection) {
        this.connection = connection;
    }

    /** The channel was admitted: from now on it can reply. */
    void bind(ControlPackets control) {
        this.control = control;
    }

    void ack(long syncId, long position) {
        ackSync = syncId;
        ackPosition = position;
        ackPending = true;
        flush();
    }

    private void flush() {
        if (ackPending && !sending && !ending) {
            ackPending = false;
            send(control.ack(ackSync, ackPosition).buffer());
        }
    }

    /** Sends {@code packet} (an ERROR of its own buffer) and ends the connection once it is out. */
    void refuse(ByteBuffer packet, FerryException cause) {
        ending = true;
        send(packet);
        connection.shutdown(cause);
    }

    /**
     * Tells the peer why (once admitted) and ends the connection after what is queued, so that a
     * reset cannot lose it.
     */
    void failAndClose(FerryException cause) {
        if (ending) {
            return;
        }
        ending = true;
        if (control != null) {
            send(control.error(cause.errorCode().code(), cause.getMessage()).buffer());
        }
        connection.shutdown(cause);
    }

    private void send(ByteBuffer packet) {
        sending = true;
        outgoing[0] = packet;
        connection.send(outgoing);
    }

    /** The packet in flight went out. */
    void onSent() {
        sending = false;
        flush();
    }
}
