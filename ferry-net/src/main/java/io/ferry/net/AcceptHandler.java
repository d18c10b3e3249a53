package io.ferry.net;

import io.ferry.FerryException;

/** What a {@link Listener} does with sockets it accepts; runs on the listener's loop thread. */
public interface AcceptHandler {
    /** A socket was accepted: adopt it here, hand it to another loop's owner, or close it. */
    void onAccepted(Listener listener, AcceptedSocket socket);

    /**
     * The listener failed and is closed (an accept error other than running out of descriptors,
     * which is retried), or was closed by its owner ({@code cause} null).
     */
    default void onClosed(Listener listener, FerryException cause) {
    }
}
