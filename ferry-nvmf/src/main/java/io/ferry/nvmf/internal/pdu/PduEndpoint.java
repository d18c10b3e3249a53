package io.ferry.nvmf.internal.pdu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One side of a connection, controller or host: a {@link PduHandler} whose inbound bytes go
 * through a {@link PduReader} to this object as its {@link PduReader.Sink}.
 */
public abstract class PduEndpoint implements PduHandler, PduReader.Sink {
    protected final PduReader reader;

    /**
     * @param acceptedTypes {@link PduType#FROM_HOST} or {@link PduType#FROM_CONTROLLER}
     * @param maxDataLength the most data bytes one PDU may carry
     */
    protected PduEndpoint(PduTransport transport, int acceptedTypes, int maxDataLength) {
        this.reader = new PduReader(transport, this, acceptedTypes, maxDataLength);
    }

    @Override
    public final void onReceive(ByteBuffer in) {
        reader.onReceive(in);
    }

    @Override
    public final void onReceivedInto(MemorySegment memory, long offset, long length) {
        reader.onReceivedInto();
    }
}
