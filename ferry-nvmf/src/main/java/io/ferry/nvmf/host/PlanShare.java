package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Arrays;

/**
 * One engine's part of every post of an {@link NvmePlan}. The commands of a namespace's descriptors
 * are numbered across them, in order (a descriptor's chunks cover whole blocks, at most the queue's
 * largest command each, see {@link IoQueueWork}); the engine takes the chunks whose number is its
 * {@linkplain ShareCursor#residue residue} modulo the number of engines and issues them on its own I/O
 * queue to the namespace. Per descriptor it counts its commands in flight and whether it issued all
 * of its chunks; when both are done it tells the plan, which completes a descriptor once every
 * engine has. Made at prepare; owned by the engine's thread.
 */
final class PlanShare {
    final NvmePlan plan;
    private final int engine;
    private final int[] inFlight;
    private final boolean[] issued;
    private final boolean[] done;
    private final ShareCursor[] cursors;

    PlanShare(NvmePlan plan, int engine, int descriptors, int[][] indicesOf) {
        this.plan = plan;
        this.engine = engine;
        this.inFlight = new int[descriptors];
        this.issued = new boolean[descriptors];
        this.done = new boolean[descriptors];
        this.cursors = new ShareCursor[indicesOf.length];
        for (int u = 0; u < indicesOf.length; u++) {
            cursors[u] = new ShareCursor(this, indicesOf[u]);
        }
    }

    /** A post begins on this engine: checks the ranges and hands each namespace's descriptors to this engine's queue. */
    void start(NvmeNamespace[] used, int[][] indicesOf, int residue) {
        Arrays.fill(inFlight, 0);
        Arrays.fill(issued, false);
        Arrays.fill(done, false);
        plan.progress().started();
        for (int u = 0; u < used.length; u++) {
            NvmeNamespace namespace = used[u];
            IoQueueWork queue = namespace.controller().queue(engine);
            FerryException unusable = !namespace.isOpen()
                    ? new FerryException(ErrorCode.CLOSED, namespace.describe() + " is closed")
                    : queue.endCause();
            for (int i : indicesOf[u]) {
                long offset = plan.progress().targetOffset(i);
                long length = plan.descriptor(i).length();
                if (unusable != null) {
                    plan.fail(i, unusable);
                    issued(i);
                } else if (offset + length > namespace.size()) {
                    plan.fail(i, new FerryException(ErrorCode.OUT_OF_RANGE, "bytes " + offset + "-" + (offset + length - 1)
                            + " reach past the end of " + namespace.describe() + " (" + namespace.size() + " bytes)"));
                    issued(i);
                }
            }
            if (unusable == null) {
                ShareCursor cursor = cursors[u];
                cursor.residue = residue;
                cursor.next = 0;
                cursor.chunk = 0;
                cursor.base = 0;
                if (!cursor.queued) {
                    cursor.queued = true;
                    queue.enqueue(cursor);
                }
            }
        }
    }

    boolean isIssued(int index) {
        return issued[index];
    }

    /** This engine issued all of its chunks of descriptor {@code index} (or none are needed any more). */
    void issued(int index) {
        issued[index] = true;
        doneIfIdle(index);
    }

    void chunkStarted(int index) {
        inFlight[index]++;
    }

    void chunkDone(int index) {
        inFlight[index]--;
        doneIfIdle(index);
    }

    private void doneIfIdle(int index) {
        if (!done[index] && issued[index] && inFlight[index] == 0) {
            done[index] = true;
            plan.shareDone(index);
        }
    }
}
