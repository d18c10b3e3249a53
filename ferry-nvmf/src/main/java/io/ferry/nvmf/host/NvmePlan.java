package io.ferry.nvmf.host;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NVMe part of one transfer: its descriptors grouped by namespace. A post hands the plan to the
 * engine's thread, which checks ranges, gives each namespace's I/O queue a cursor over its
 * descriptors and counts, per descriptor, commands in flight; the post completes when every
 * descriptor was issued whole (or failed) and has nothing in flight. The per-post state is the
 * engine thread's.
 */
final class NvmePlan implements BackendTransfer {
    private final NvmeEngine engine;
    private final TransferOp op;
    private final List<Descriptor> descriptors;
    private final TransferProgress progress;
    private final NvmeNamespace[] used;
    private final int[][] indicesOf;
    private final int[] inFlight;
    private final boolean[] issued;
    private final boolean[] resolved;
    private int unresolved;
    private int generation;

    NvmePlan(NvmeEngine engine, TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
        this.engine = engine;
        this.op = op;
        this.descriptors = descriptors;
        this.progress = progress;
        Map<NvmeNamespace, List<Integer>> byNamespace = new LinkedHashMap<>();
        for (int i = 0; i < descriptors.size(); i++) {
            byNamespace.computeIfAbsent((NvmeNamespace) descriptors.get(i).target(), n -> new ArrayList<>()).add(i);
        }
        this.used = byNamespace.keySet().toArray(NvmeNamespace[]::new);
        this.indicesOf = byNamespace.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        if (op == TransferOp.WRITE) {
            for (int u = 0; u < used.length; u++) {
                SharedBlocks.check(used[u], descriptors, indicesOf[u]);
            }
        }
        this.inFlight = new int[descriptors.size()];
        this.issued = new boolean[descriptors.size()];
        this.resolved = new boolean[descriptors.size()];
    }

    TransferOp op() {
        return op;
    }

    Descriptor descriptor(int index) {
        return descriptors.get(index);
    }

    TransferProgress progress() {
        return progress;
    }

    /** Which post this is: cursors of an earlier post see another number and stop. */
    int generation() {
        return generation;
    }

    @Override
    public void post() {
        for (NvmeNamespace namespace : used) {
            namespace.postStarted();
        }
        engine.execute(this::start);
    }

    /** On the engine's thread: checks ranges and hands each namespace's descriptors to its queue. */
    private void start() {
        generation++;
        java.util.Arrays.fill(inFlight, 0);
        java.util.Arrays.fill(issued, false);
        java.util.Arrays.fill(resolved, false);
        unresolved = descriptors.size();
        progress.started();
        for (int u = 0; u < used.length; u++) {
            NvmeNamespace namespace = used[u];
            HostController controller = namespace.controller();
            FerryException unusable = !namespace.isOpen()
                    ? new FerryException(ErrorCode.CLOSED, namespace.describe() + " is closed")
                    : controller.isEnded() ? controller.endCause() : null;
            for (int i : indicesOf[u]) {
                long offset = progress.targetOffset(i);
                long length = descriptors.get(i).length();
                if (unusable != null) {
                    fail(i, unusable);
                    issued(i);
                } else if (offset + length > namespace.size()) {
                    fail(i, new FerryException(ErrorCode.OUT_OF_RANGE, "bytes " + offset + "-" + (offset + length - 1)
                            + " reach past the end of " + namespace.describe() + " (" + namespace.size() + " bytes)"));
                    issued(i);
                }
            }
            if (unusable == null) {
                controller.io().enqueue(new IoQueueWork.Cursor(this, indicesOf[u]));
            }
        }
    }

    void fail(int index, FerryException cause) {
        progress.fail(index, cause);
    }

    boolean isIssued(int index) {
        return issued[index];
    }

    /** Descriptor {@code index} needs no more commands. */
    void issued(int index) {
        issued[index] = true;
        resolveIfDone(index);
    }

    void chunkStarted(int index) {
        inFlight[index]++;
    }

    void chunkDone(int index) {
        inFlight[index]--;
        resolveIfDone(index);
    }

    private void resolveIfDone(int index) {
        if (resolved[index] || !issued[index] || inFlight[index] > 0) {
            return;
        }
        resolved[index] = true;
        if (--unresolved == 0) {
            for (NvmeNamespace namespace : used) {
                namespace.postEnded();
            }
            progress.completed();
        }
    }

    @Override
    public void checkRetarget(int index, long targetOffset) {
        // Any byte offset will do: partial blocks are read-modify-written. Blocks shared with other
        // descriptors are checked at prepare only (this check must not allocate).
    }

    @Override
    public void release() {
    }
}
