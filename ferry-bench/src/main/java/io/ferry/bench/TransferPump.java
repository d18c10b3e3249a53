package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.Transfer;
import io.ferry.TransferState;
import io.ferry.ThreadingMode;
import io.ferry.poll.IdleStrategy;

/**
 * The timed loop of a row. Slot {@code s} of {@code ioDepth} owns one prepared transfer and its
 * buffer, and posts it at positions {@code s, s + ioDepth, s + 2 * ioDepth, ...} of the workload
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
    private final Transfer[] transfers;
    private final SlotBuffers buffers;
    private final Workload workload;
    private final boolean stampWrites;
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
     * @param stampWrites whether each slot's buffer is filled with the pattern of the blocks its
     *                    next transfer writes, just before it is posted (a WRITE row with verification)
     */
    TransferPump(Agent agent, IdleStrategy idle, Transfer[] transfers, int ioDepth, SlotBuffers buffers, Workload workload,
                 boolean stampWrites, SweepProgress progress) {
        this.agent = agent;
        this.idle = idle;
        this.transfers = transfers;
        this.ioDepth = ioDepth;
        this.batchSize = transfers[0].descriptors().size();
        this.buffers = buffers;
        this.workload = workload;
        this.stampWrites = stampWrites;
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
                if (slotBusy[slot] && transfers[slot].state().isComplete()) {
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
        if (stampWrites) {
            buffers.stamp(slot, position, workload);
            startNs = System.nanoTime();
        }
        Transfer next = transfers[slot];
        for (int d = 0; d < batchSize; d++) {
            next.retarget(d, workload.offsetBytes(position, d));
        }
        next.post();
        long endNs = System.nanoTime();
        postStats.recordNs(endNs - startNs);
        slotPostStartNs[slot] = startNs;
        slotPostEndNs[slot] = endNs;
        slotBusy[slot] = true;
    }

    private void complete(int slot, long nowNs) {
        Transfer transfer = transfers[slot];
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
