package io.ferry.stream.send;

import io.ferry.FerryException;

/** What send ops tell the sender, on the sender's thread. */
public interface SendListener {
    /** The last packet given to channel {@code channel}'s op was moved; its memory is the channel's again. */
    void onSent(int channel);

    /**
     * The far end confirmed sync point {@code syncId}: everything below {@code position} is durable.
     * The first confirmation, answering the manifest, says where to start (0 and 0 for a new stream).
     */
    void onAck(long syncId, long position);

    /** Channel {@code channel} failed or the far end reported an error; the stream must fail. */
    void onFailed(int channel, FerryException cause);
}
