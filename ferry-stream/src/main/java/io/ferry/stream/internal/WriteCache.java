package io.ferry.stream.internal;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Target;
import io.ferry.Transfer;
import io.ferry.TransferOp;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Prepared WRITE transfers of ferry-file, one per (buffer, length class), reused by retargeting: a
 * streaming writer posts the same few transfers at moving offsets, as the file backend intends,
 * instead of preparing one per packet. A transfer is replaced (and the old one released) only when
 * its buffer is used with another target, start or exact length than last time; with lengths rounded
 * to {@code granularity}, that happens a bounded number of times per buffer.
 */
public final class WriteCache implements AutoCloseable {
    private final Agent agent;
    private final int granularity;
    private final Entry[][] entries;

    private static final class Entry {
        Transfer transfer;
        Target target;
        long memoryOffset;
        long length;
    }

    /**
     * @param buffers     buffer ids are {@code [0, buffers)}
     * @param maxLength   the longest write
     * @param granularity lengths in one class share an entry; {@code maxLength} for one entry per buffer
     */
    public WriteCache(Agent agent, int buffers, int maxLength, int granularity) {
        this.agent = agent;
        this.granularity = granularity;
        this.entries = new Entry[buffers][(maxLength + granularity - 1) / granularity];
    }

    /** A transfer that writes {@code length} bytes of {@code memory} from {@code memoryOffset} to {@code target} at {@code targetOffset}. */
    public Transfer transfer(int bufferId, MemorySegment memory, long memoryOffset, long length, Target target,
                             long targetOffset) {
        int lengthClass = (int) ((length - 1) / granularity);
        Entry entry = entries[bufferId][lengthClass];
        if (entry == null) {
            entry = new Entry();
            entries[bufferId][lengthClass] = entry;
        }
        if (entry.transfer == null || entry.target != target || entry.memoryOffset != memoryOffset
                || entry.length != length) {
            if (entry.transfer != null) {
                entry.transfer.release();
            }
            entry.transfer = agent.prepare(TransferOp.WRITE,
                    List.of(Descriptor.of(memory, memoryOffset, length, target, targetOffset)));
            entry.target = target;
            entry.memoryOffset = memoryOffset;
            entry.length = length;
        } else {
            entry.transfer.retarget(0, targetOffset);
        }
        return entry.transfer;
    }

    /** Releases every transfer. None may be in flight. */
    @Override
    public void close() {
        for (Entry[] row : entries) {
            for (Entry entry : row) {
                if (entry != null && entry.transfer != null) {
                    entry.transfer.release();
                    entry.transfer = null;
                }
            }
        }
    }
}
