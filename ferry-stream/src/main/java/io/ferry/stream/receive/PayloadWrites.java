package io.ferry.stream.receive;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.Transfer;
import io.ferry.TransferStatus;
import io.ferry.stream.internal.WriteCache;
import io.ferry.stream.prepare.PacketBuffer;

import java.lang.foreign.Arena;

/**
 * The receiver's write path: payloads land in {@link ReceiveSlots} and are written from there with
 * positional writes through ferry-file, one transfer per slot moved along by {@link WriteCache}; a slot
 * is free again when its write completed.
 */
public final class PayloadWrites implements AutoCloseable {
    private final ReceiveSlots slots;
    private final Transfer[] writes;
    private final WriteCache cache;
    private int inFlight;
    private long bytesWritten;

    public PayloadWrites(Agent agent, Arena arena, int slotCount, int blockSize) {
        this.slots = new ReceiveSlots(arena, slotCount, blockSize);
        this.writes = new Transfer[slotCount];
        this.cache = new WriteCache(agent, slotCount, blockSize, blockSize);
    }

    public ReceiveSlots slots() {
        return slots;
    }

    /** Writes {@code length} bytes of slot {@code slot} at {@code offset} of {@code target}; the slot is freed when done. */
    public void write(int slot, Target target, long offset, int length) {
        try {
            Transfer transfer = cache.transfer(slot, slots.data(slot).memory(), PacketBuffer.PAYLOAD_AT, length, target,
                    offset);
            transfer.post();
            writes[slot] = transfer;
            inFlight++;
            bytesWritten += length;
        } catch (FerryException e) {
            slots.release(slot);
            throw e;
        }
    }

    /**
     * Frees the slots of completed writes; returns how many, or throws the failure of the first that
     * failed (after freeing it).
     */
    public int reap() {
        int work = 0;
        for (int slot = 0; slot < writes.length; slot++) {
            Transfer transfer = writes[slot];
            if (transfer != null && transfer.state().isComplete()) {
                writes[slot] = null;
                inFlight--;
                slots.release(slot);
                work++;
                TransferStatus status = transfer.status();
                if (!status.isDone()) {
                    status.throwCauseIfFailed();
                    throw new FerryException(ErrorCode.ILLEGAL_STATE, "a write did not complete: " + status.state());
                }
            }
        }
        return work;
    }

    /** True when no write is in flight. */
    public boolean isIdle() {
        return inFlight == 0;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** Waits for writes in flight and releases every transfer, so that the files can be closed. Idempotent. */
    @Override
    public void close() {
        for (int slot = 0; slot < writes.length; slot++) {
            if (writes[slot] != null) {
                writes[slot].await();
                writes[slot] = null;
            }
        }
        inFlight = 0;
        cache.close();
    }
}
