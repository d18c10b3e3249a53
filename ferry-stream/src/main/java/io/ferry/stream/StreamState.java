package io.ferry.stream;

/** Where a stream's side is. Transitions only forward; DONE and FAILED are final. */
public enum StreamState {
    /** Channels are opening: handshakes and the manifest. */
    OPENING,
    /** Data moves. */
    RUNNING,
    /** The sender has sent everything and waits for the receiver to commit. */
    ENDING,
    /** Every byte is durable at the destination (receiver: committed under its final names). */
    DONE,
    /** The stream failed; {@code failure()} says why. */
    FAILED;

    /** Whether the state is final: DONE or FAILED. */
    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
