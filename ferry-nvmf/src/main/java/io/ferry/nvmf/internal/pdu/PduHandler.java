package io.ferry.nvmf.internal.pdu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** What a connection tells its protocol handler; see {@link PduTransport} for the contract. Owner thread only. */
public interface PduHandler {
    /** Bytes arrived in {@code in}, from its position to its limit: consume whole units, leave a partial one. */
    void onReceive(ByteBuffer in);

    /** The range asked for by {@link PduTransport#receiveInto} is complete. */
    void onReceivedInto(MemorySegment memory, long offset, long length);

    /** The buffers of the send with this token were written; they are the handler's again. */
    void onSent(long token);

    /**
     * The connection is closed; called once. Sends not yet confirmed by {@link #onSent} were dropped.
     *
     * @param cause why, or null for an orderly close
     */
    void onClosed(Throwable cause);
}
