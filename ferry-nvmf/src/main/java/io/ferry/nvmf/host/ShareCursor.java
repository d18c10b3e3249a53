package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * Where one engine stands in one namespace's descriptors during a post of its {@link PlanShare}, and
 * the walk to the engine's next chunk: each descriptor is cut into chunks of whole blocks from the
 * block of its first byte, at most the queue's largest command each, numbered across the descriptors
 * in order; the chunks numbered {@link #residue} modulo the number of engines are this engine's.
 * Owned by the engine's thread.
 */
final class ShareCursor {
    final PlanShare share;
    /** The plan's descriptors of the namespace, in order. */
    final int[] indices;
    /** Whether it sits in its queue's list of cursors. */
    boolean queued;
    /** Chunks numbered {@code residue} modulo the number of engines are this engine's. */
    int residue;
    /** Position in {@link #indices}. */
    int next;
    /** The next chunk of descriptor {@code indices[next]} to consider. */
    long chunk;
    /** The number of chunk 0 of descriptor {@code indices[next]}. */
    long base;

    ShareCursor(PlanShare share, int[] indices) {
        this.share = share;
        this.indices = indices;
    }

    /**
     * Moves to this engine's next chunk, skipping what needs no more commands (failed, cancelled, no
     * chunk of this engine left); false when the cursor is used up.
     *
     * @param blockSize the namespace's logical block size
     * @param maxIo     the longest chunk, a multiple of {@code blockSize}
     */
    boolean advance(int blockSize, int maxIo) {
        NvmePlan plan = share.plan;
        int engines = plan.engineCount();
        while (next < indices.length) {
            int i = indices[next];
            long chunks = chunks(plan, i, blockSize, maxIo);
            if (!share.isIssued(i)) {
                long mine = chunk + Math.floorMod(residue - (base + chunk), engines);
                if (plan.progress().isCancelRequested()) {
                    plan.fail(i, new FerryException(ErrorCode.CANCELLED, "cancelled"));
                    share.issued(i);
                } else if (plan.progress().hasFailed(i) || mine >= chunks) {
                    share.issued(i);
                } else {
                    chunk = mine;
                    return true;
                }
            }
            base += chunks;
            chunk = 0;
            next++;
        }
        return false;
    }

    /** Chunks of descriptor {@code i} in this post: whole blocks from the block of its first byte, at most {@code maxIo} each. */
    private static long chunks(NvmePlan plan, int i, int blockSize, int maxIo) {
        long offset = plan.progress().targetOffset(i);
        long length = plan.descriptor(i).length();
        return length == 0 ? 0 : (offset % blockSize + length + maxIo - 1) / maxIo;
    }

    /** Fails every descriptor this engine has not issued whole. */
    void failRest(FerryException cause) {
        for (int k = next; k < indices.length; k++) {
            int i = indices[k];
            if (!share.isIssued(i)) {
                share.plan.fail(i, cause);
                share.issued(i);
            }
        }
    }
}
