package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.ThreadingMode;
import io.ferry.poll.IdleStrategy;

/**
 * The timed loop of a row. Slot {@code s} of {@code ioDepth} owns one prepared transfer (a read and
 * a write one in a row that mixes them, posted in the share {@link Mix} gives) and its buffer, and
 * posts it at positions {@code s, s + ioDepth, s + 2 * ioDepth, ...} of the workload
 * (wrapping around), retargeting its descriptors before each post; so the slots together walk
 * every position in order and keep {@code ioDepth} transfers in flight. Post time includes the
 * retargeting. Progress is driven on this thread with {@link Agent#poll()}, or by poll groups when
 * the row has several threads; after each poll every busy
 * slot checks its transfer's state, records Tx (Lat is Post + Tx), and posts its next transfer until the
 * phase's time is up. Then the transfers in flight are drained.
 *
 * <p>Nothing on this path allocates: slots are arrays, timings go to pre-allocated histograms.
 * A transfer that ends other than DONE aborts the run with its status's exception.
 */
final class TransferPump {
    private final Agent agent;
    private final IdleStrategy idle;
    private final Mix mix;
    /** The transfer each slot posted last. */
    private final Transfer[] inFlight;
    private final SlotBuffers buffers;
    private final Workload workload;
    private final boolean stampWrites;
    private long postedCount;
    private final SweepProgress progress;
    private final int ioDepth;
    private final int batchSize;
    private final int[] slotNext;
    private final long[] slotPostStartNs;
    private final long[] slotPostEndNs;
    private final boolean[] slotBusy;
    private final LatencyStats postStats = new LatencyStats();
    private final LatencyStats txStats = new LatencyStats();
    private final LatencyStats latStats = new LatencyStats();
    private long completedTransfers;
    private long elapsedNs;

    /**
     * The prepared transfers of each slot and how they share the posts: transfer {@code n} of the
     * row (counting from the first post) reads when {@code floor((n + 1) * p / 100) > floor(n * p / 100)}
     * for a read percentage {@code p}, so that every 100 consecutive transfers hold exactly {@code p}
     * reads, spread evenly (fio draws each I/O at random; the share is the same).
     *
     * @param reads       one read transfer per slot, or null when the row never reads
     * @param writes      one write transfer per slot, or null when the row never writes
     * @param readPercent the percentage of transfers that read: 100 for a read row, 0 for a write row
     */
    record Mix(Transfer[] reads, Transfer[] writes, int readPercent) {
        /** Whether transfer number {@code n} of the row reads. */
        boolean reads(long n) {
            return (n + 1) * readPercent / 100 > n * readPercent / 100;
        }

        Transfer transfer(long n, int slot) {
            return reads(n) ? reads[slot] : writes[slot];
        }
    }

    /**
     * @param verify whether the row is verified: each slot's buffer is then filled with the pattern of
     *               the blocks a write transfer writes, just before it is posted
     */
    TransferPump(Agent agent, IdleStrategy idle, Mix mix, int ioDepth, SlotBuffers buffers, Workload workload,
                 boolean verify, SweepProgress progress) {
        this.agent = agent;
        this.idle = idle;
        this.mix = mix;
        this.inFlight = new Transfer[ioDepth];
        this.ioDepth = ioDepth;
        this.batchSize = (mix.reads() != null ? mix.reads() : mix.writes())[0].descriptors().size();
        this.buffers = buffers;
        this.workload = workload;
        this.stampWrites = verify;
        this.progress = progress;
        slotNext = new int[ioDepth];
        slotPostStartNs = new long[ioDepth];
        slotPostEndNs = new long[ioDepth];
        slotBusy = new boolean[ioDepth];
        for (int slot = 0; slot < ioDepth; slot++) {
            slotNext[slot] = slot;
        }
    }

    /**
     * Runs one phase: posts until {@code durationNs} has passed or, when {@code ioLimit} is positive,
     * until that many I/Os (blocks) were posted; then drains. Each phase continues the walk where
     * the last stopped. When a runtime's poll groups drive the agent, this thread only posts and
     * watches states.
     */
    void run(long durationNs, long ioLimit) {
        long transferLimit = ioLimit > 0 ? (ioLimit + batchSize - 1) / batchSize : Long.MAX_VALUE;
        long startNs = System.nanoTime();
        long deadlineNs = startNs + durationNs;
        long posted = 0;
        int busy = 0;
        for (int slot = 0; slot < ioDepth && posted < transferLimit; slot++, posted++, busy++) {
            postNext(slot, System.nanoTime());
        }
        long completed = 0;
        long lastCompletionNs = startNs;
        while (busy > 0) {
            if (agent.threadingMode() == ThreadingMode.INVOKER) {
                idle.idle(agent.poll(), agent.waiter());
            } else {
                Thread.onSpinWait();
            }
            long nowNs = System.nanoTime();
            for (int slot = 0; slot < ioDepth; slot++) {
                if (slotBusy[slot] && inFlight[slot].state().isComplete()) {
                    complete(slot, nowNs);
                    completed++;
                    lastCompletionNs = nowNs;
                    if (nowNs - deadlineNs < 0 && posted < transferLimit) {
                        postNext(slot, nowNs);
                        posted++;
                    } else {
                        slotBusy[slot] = false;
                        busy--;
                    }
                }
            }
            progress.tick(nowNs);
        }
        completedTransfers = completed;
        elapsedNs = lastCompletionNs - startNs;
    }

    /**
     * Retargets and posts the slot's transfer. {@code startNs} is the time the post starts: after a
     * completion it is the completion's own timestamp, which saves one clock read per I/O and adds
     * only the completion's bookkeeping to Post and Lat (a bias upwards, never downwards). Filling a
     * buffer with the write pattern for verification is not timed.
     */
    private void postNext(int slot, long startNs) {
        int position = slotNext[slot];
        slotNext[slot] = (position + ioDepth) % workload.positionCount();
        Transfer next = mix.transfer(postedCount++, slot);
        if (stampWrites && next.op() == TransferOp.WRITE) {
            buffers.stamp(slot, position, workload);
            startNs = System.nanoTime();
        }
        for (int d = 0; d < batchSize; d++) {
            next.retarget(d, workload.offsetBytes(position, d));
        }
        next.post();
        long endNs = System.nanoTime();
        postStats.recordNs(endNs - startNs);
        slotPostStartNs[slot] = startNs;
        slotPostEndNs[slot] = endNs;
        slotBusy[slot] = true;
        inFlight[slot] = next;
    }

    private void complete(int slot, long nowNs) {
        Transfer transfer = inFlight[slot];
        if (transfer.state() != TransferState.DONE) {
            slotBusy[slot] = false;
            transfer.status().throwIfFailed();
        }
        txStats.recordNs(nowNs - slotPostEndNs[slot]);
        latStats.recordNs(nowNs - slotPostStartNs[slot]);
    }

    /** Forgets the timings recorded so far, as after the warm-up. */
    void resetStats() {
        postStats.reset();
        txStats.reset();
        latStats.reset();
    }

    /** Transfers completed in the last phase. */
    long completedTransfers() {
        return completedTransfers;
    }

    /** Wall time of the last phase, from its first post to its last completion. */
    long elapsedNs() {
        return elapsedNs;
    }

    /** Time of each {@code post()} call. */
    LatencyStats postStats() {
        return postStats;
    }

    /** Time from the start of {@code post()} to completion (Lat). */
    LatencyStats latStats() {
        return latStats;
    }

    /** Time from the return of {@code post()} to completion. */
    LatencyStats txStats() {
        return txStats;
    }
}
