package io.ferry.nvmf.support;

import io.ferry.nvmf.internal.pdu.PduHandler;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** A peer that records every byte it receives and whether the connection closed: the far end of raw-byte tests. */
public final class RecordingHandler implements PduHandler {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    @Override
    public void onReceive(ByteBuffer in) {
        while (in.hasRemaining()) {
            received.write(in.get());
        }
    }

    @Override
    public void onReceivedInto(MemorySegment memory, long offset, long length) {
    }

    @Override
    public void onSent(long token) {
    }

    @Override
    public void onClosed(Throwable cause) {
        closed = true;
    }

    public byte[] received() {
        return received.toByteArray();
    }

    public boolean isClosed() {
        return closed;
    }
}
