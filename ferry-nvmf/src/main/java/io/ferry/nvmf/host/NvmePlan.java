package io.ferry.nvmf.host;

import io.ferry.Descriptor;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The NVMe part of one transfer: its descriptors grouped by namespace, and one {@link PlanShare}
 * per engine (per poll group). A post hands every engine its share; each issues its stripe of the
 * commands on its own I/O queue to each namespace. The engine that takes a namespace's first
 * command rotates from post to post (over the backend), so that transfers of a single command
 * spread over every queue. A descriptor is done when every engine is done with it; the post
 * completes when every descriptor is. Everything is made at prepare: a post allocates nothing.
 */
final class NvmePlan implements BackendTransfer {
    private final NvmeEngine[] engines;
    private final AtomicInteger rotation;
    private final TransferOp op;
    private final List<Descriptor> descriptors;
    private final TransferProgress progress;
    private final NvmeNamespace[] used;
    private final int[][] indicesOf;
    private final Runnable[] starts;
    /** Per descriptor: engines not yet done with it in this post. */
    private final AtomicIntegerArray sharesLeft;
    /** Descriptors not yet done in this post. */
    private final AtomicInteger unresolved = new AtomicInteger();
    /** The engine that takes chunk 0 of each namespace in this post; written before the post is handed over. */
    private int firstEngine;

    NvmePlan(NvmeEngine[] engines, AtomicInteger rotation, TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
        this.engines = engines;
        this.rotation = rotation;
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
        this.sharesLeft = new AtomicIntegerArray(descriptors.size());
        this.starts = new Runnable[engines.length];
        for (int k = 0; k < engines.length; k++) {
            PlanShare share = new PlanShare(this, k, descriptors.size(), indicesOf);
            int engine = k;
            starts[k] = () -> share.start(used, indicesOf, Math.floorMod(engine - firstEngine, engines.length));
        }
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

    /** How many engines share the posts. */
    int engineCount() {
        return engines.length;
    }

    @Override
    public void post() {
        firstEngine = Math.floorMod(rotation.getAndIncrement(), engines.length);
        for (int i = 0; i < descriptors.size(); i++) {
            sharesLeft.set(i, engines.length);
        }
        unresolved.set(descriptors.size());
        for (NvmeNamespace namespace : used) {
            namespace.postStarted();
        }
        for (int k = 0; k < engines.length; k++) {
            engines[k].execute(starts[k]);
        }
    }

    void fail(int index, FerryException cause) {
        progress.fail(index, cause);
    }

    /** An engine is done with descriptor {@code index}; any engine's thread. */
    void shareDone(int index) {
        if (sharesLeft.decrementAndGet(index) == 0 && unresolved.decrementAndGet() == 0) {
            complete();
        }
    }

    private void complete() {
        for (NvmeNamespace namespace : used) {
            namespace.postEnded();
        }
        progress.completed();
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
