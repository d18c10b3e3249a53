package io.ferry.stream.send;

import io.ferry.FerryException;
import io.ferry.stream.prepare.PreparedPacket;

/**
 * Moves one channel's packets to a transport. A channel hands it one packet at a time and waits for
 * {@link SendListener#onSent} before the next; the packet's memory belongs to the op until then.
 */
public interface SendOp {
    /** Starts moving the packet (a handshake, manifest, data, zero, sync or end packet). */
    void send(PreparedPacket packet);

    /** Does ready work (completions); returns the work done. */
    int poll();

    /** Tears the channel down; nothing is reported after this. Idempotent. */
    void close(FerryException cause);

    /**
     * Tears the channel down after telling its far end why with {@code error}, where the transport has
     * a far end to tell (the others just close). Unlike {@link #send}, it may come while a packet is in
     * flight: the ERROR, in a buffer of its own, goes behind it.
     */
    default void closeTelling(PreparedPacket error, FerryException cause) {
        close(cause);
    }
}
