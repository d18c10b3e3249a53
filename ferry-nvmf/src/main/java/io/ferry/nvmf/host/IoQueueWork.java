package io.ferry.nvmf.host;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.net.NetLoop;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.host.HostQueue;
import io.ferry.nvmf.internal.nvme.Connect;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One engine's I/O queue to a controller (QID = engine index + 1) and the work on it:
 * the engine's share of each post ({@link ShareCursor}). Descriptors are cut into commands
 * of whole logical blocks, at most the controller's MDTS (and {@link #MAX_IO_BYTES}) long, kept in
 * flight up to the queue depth. Each slot has a bounce buffer of that size: reads land there and
 * are copied to the descriptor's memory (which may be heap memory or start mid-block); writes are
 * copied there first. A write whose first or last block is only partly covered reads those blocks
 * first and writes them back whole (read-modify-write, see docs/design/nvmf.md).
 *
 * <p>The connection may be dropped ({@link #suspend()}) and made again ({@link #resume}) while the
 * controller reconnects: commands that were in flight keep their slot, bounce buffer and phase and
 * are sent again, as they were, once the new connection's Connect succeeded (reads and writes of an
 * LBA range may be repeated). Owned by the engine's thread.
 */
final class IoQueueWork {
    /** The largest command, even where MDTS allows more: the bounce memory is depth x this. */
    static final int MAX_IO_BYTES = 1 << 20;
    private static final byte READ = 0;
    private static final byte RMW_READ = 1;
    private static final byte WRITE = 2;

    private final IoQueues owner;
    private final NvmeAddress address;
    private final NetLoop loop;
    private final InetSocketAddress socketAddress;
    private final HostOptions options;
    private final int qid;
    private final int inCapsuleBytes;
    private final int nsid;
    private final int blockSize;
    private final int maxIo;
    private final int depth;
    private final Arena arena = Arena.ofShared();
    private final DataBuffer[] bounce;
    private final PlanShare[] shares;
    private final int[] indexes;
    private final long[] memoryOffsets;
    private final int[] lengths;
    private final int[] heads;
    private final long[] lbas;
    private final int[] blockCounts;
    private final byte[] phases;
    /** Slots whose command was in flight on a connection that was lost: sent again after Connect. */
    private final boolean[] resend;
    private final DataBuffer connectData;
    private final ArrayDeque<ShareCursor> cursors = new ArrayDeque<>();
    private QueueLink link;
    private HostQueue queue;
    /** Counts connections: a listener of an earlier one is not heard. */
    private int linkGeneration;
    private int controllerId;
    /** The association (attempt) of the controller this connection belongs to. */
    private int association;
    private boolean connectSent;
    private boolean connected;
    private FerryException endCause;

    /** The I/O queue of engine {@code engine} (QID = its index + 1), not yet connected: see {@link #resume}. */
    IoQueueWork(IoQueues owner, NvmeAddress address, NvmeEngine engine, InetSocketAddress socketAddress, HostOptions options,
                ControllerInfo info, NamespaceInfo namespace, int inCapsuleBytes) {
        this.owner = owner;
        this.address = address;
        this.loop = engine.loop();
        this.socketAddress = socketAddress;
        this.options = options;
        this.qid = engine.index() + 1;
        this.inCapsuleBytes = inCapsuleBytes;
        this.nsid = namespace.nsid();
        this.blockSize = namespace.blockSize();
        long mdts = info.maxTransferBytes() == 0 ? MAX_IO_BYTES : Math.min(info.maxTransferBytes(), MAX_IO_BYTES);
        this.maxIo = (int) Math.max(blockSize, mdts / blockSize * blockSize);
        this.depth = Math.max(1, Math.min(options.queueDepth(), info.maxQueueEntries() - 1));
        this.bounce = new DataBuffer[depth];
        for (int i = 0; i < depth; i++) {
            bounce[i] = new DataBuffer(arena.allocate(maxIo, 4096));
        }
        this.shares = new PlanShare[depth];
        this.indexes = new int[depth];
        this.memoryOffsets = new long[depth];
        this.lengths = new int[depth];
        this.heads = new int[depth];
        this.lbas = new long[depth];
        this.blockCounts = new int[depth];
        this.phases = new byte[depth];
        this.resend = new boolean[depth];
        this.connectData = new DataBuffer(arena.allocate(Connect.DATA_LENGTH, 8));
    }

    NvmeAddress address() {
        return address;
    }

    /** Why the queue was closed, or null while it works (connected or not). */
    FerryException endCause() {
        return endCause;
    }

    boolean isClosed() {
        return endCause != null;
    }

    /** Takes an engine's share of a post's descriptors of this namespace; they are issued from the next poll. */
    void enqueue(ShareCursor cursor) {
        cursors.addLast(cursor);
    }

    /** Makes a new connection, to be Connected to controller {@code id} of association {@code tag}. */
    void resume(int id, int tag) {
        if (isClosed()) {
            return;
        }
        suspend();
        controllerId = id;
        association = tag;
        connectSent = false;
        connected = false;
        try {
            link = new QueueLink(loop, socketAddress, new LinkListener(++linkGeneration), depth, maxIo,
                    options.headerDigest(), options.dataDigest());
        } catch (FerryException e) {
            owner.reportLost(tag, "I/O queue " + qid + " TCP connect failed", e);
            return;
        }
        queue = link.queue();
        queue.inCapsuleLimit(inCapsuleBytes);
    }

    /** Drops the connection; what was in flight is kept to be sent again on the next one. */
    void suspend() {
        if (link == null) {
            return;
        }
        dropLink();
        for (int cid = 0; cid < depth; cid++) {
            resend[cid] = shares[cid] != null;
        }
    }

    private void dropLink() {
        if (link != null) {
            linkGeneration++;
            link.close(null);
            link = null;
            queue = null;
            connected = false;
        }
    }

    int poll() {
        if (link == null) {
            return 0;
        }
        if (!connectSent && link.isReady()) {
            connectSent = true;
            sendConnect();
            return 1;
        }
        return connected ? issue() : 0;
    }

    private void sendConnect() {
        HostCommands.connectData(connectData.view(), options.hostId(), controllerId, address.subsystemNqn(),
                options.hostNqn());
        int cid = queue.acquire();
        // The host never reads SQHD: without SQ flow control, targets may skip the response of a read (C2HData SUCCESS).
        HostCommands.connect(queue.sqe(cid), cid, qid, depth + 1, 0, Connect.CATTR_DISABLE_SQ_FLOW_CONTROL);
        queue.submit(cid, connectData, Connect.DATA_LENGTH, true);
    }

    private int issue() {
        int issued = 0;
        while (!cursors.isEmpty()) {
            ShareCursor cursor = cursors.peekFirst();
            if (!cursor.advance(blockSize, maxIo)) {
                cursor.queued = false;
                cursors.pollFirst();
                continue;
            }
            int cid = queue.acquire();
            if (cid < 0) {
                break;
            }
            start(cid, cursor);
            issued++;
        }
        return issued;
    }

    private void start(int cid, ShareCursor cursor) {
        PlanShare share = cursor.share;
        NvmePlan plan = share.plan;
        int i = cursor.indices[cursor.next];
        long offset = plan.progress().targetOffset(i);
        long length = plan.descriptor(i).length();
        long blockStart = offset - offset % blockSize + cursor.chunk * maxIo;
        long at = Math.max(offset, blockStart);
        long end = Math.min(offset + length, blockStart + maxIo);
        cursor.chunk++;
        shares[cid] = share;
        indexes[cid] = i;
        memoryOffsets[cid] = at - offset;
        lengths[cid] = (int) (end - at);
        heads[cid] = (int) (at - blockStart);
        lbas[cid] = blockStart / blockSize;
        blockCounts[cid] = (int) ((end - blockStart + blockSize - 1) / blockSize);
        share.chunkStarted(i);
        boolean write = plan.op() == TransferOp.WRITE;
        if (write && heads[cid] == 0 && end % blockSize == 0) {
            phases[cid] = WRITE;
            submitWrite(cid);
        } else {
            phases[cid] = write ? RMW_READ : READ;
            send(cid);
        }
    }

    /** Copies the descriptor's bytes to the bounce buffer and sends the write; memory that cannot be read fails the descriptor. */
    private void submitWrite(int cid) {
        Descriptor d = shares[cid].plan.descriptor(indexes[cid]);
        if (!copy(cid, d.memory(), memoryOffsets[cid], bounce[cid].memory(), heads[cid])) {
            queue.free(cid);
            finish(cid);
            return;
        }
        send(cid);
    }

    /** Sends slot {@code cid}'s command for its phase: a read into, or a write of, its bounce buffer. */
    private void send(int cid) {
        boolean write = phases[cid] == WRITE;
        HostCommands.readWrite(queue.sqe(cid), cid, write, nsid, lbas[cid], blockCounts[cid]);
        queue.submit(cid, bounce[cid], blockCounts[cid] * blockSize, write);
    }

    /**
     * Copies a slot's bytes between the descriptor's memory and the bounce buffer. Memory this thread
     * may not touch (a confined arena of another thread, closed memory) fails the descriptor instead
     * of escaping the duty cycle.
     */
    private boolean copy(int cid, MemorySegment from, long fromOffset, MemorySegment to, long toOffset) {
        try {
            MemorySegment.copy(from, fromOffset, to, toOffset, lengths[cid]);
            return true;
        } catch (RuntimeException e) {
            shares[cid].plan.fail(indexes[cid], new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "the descriptor's memory cannot be used from the NVMe host's thread: " + e.getMessage(), e));
            return false;
        }
    }

    private void completed(int cid, int status) {
        if (!connected) {
            connected = status == Status.SUCCESS;
            if (connected) {
                sendAgain();
            }
            owner.reportConnected(association, status);
            return;
        }
        PlanShare share = shares[cid];
        if (share == null) {
            return;
        }
        NvmePlan plan = share.plan;
        int i = indexes[cid];
        if (status != Status.SUCCESS) {
            plan.fail(i, new FerryException(ErrorCode.IO_ERROR, address + ": " + (phases[cid] == WRITE ? "Write" : "Read")
                    + " of blocks " + lbas[cid] + "-" + (lbas[cid] + blockCounts[cid] - 1) + " failed: " + Status.describe(status)));
            finish(cid);
            return;
        }
        Descriptor d = plan.descriptor(i);
        switch (phases[cid]) {
            case READ -> {
                copy(cid, bounce[cid].memory(), heads[cid], d.memory(), memoryOffsets[cid]);
                finish(cid);
            }
            case RMW_READ -> {
                phases[cid] = WRITE;
                queue.acquire(cid);
                submitWrite(cid);
            }
            default -> finish(cid);
        }
    }

    /** The commands of a lost connection, on the new one, in their own slots. */
    private void sendAgain() {
        for (int cid = 0; cid < depth; cid++) {
            if (resend[cid]) {
                resend[cid] = false;
                queue.acquire(cid);
                send(cid);
            }
        }
    }

    private void finish(int cid) {
        PlanShare share = shares[cid];
        shares[cid] = null;
        share.chunkDone(indexes[cid]);
    }

    /**
     * Fails what is in flight or waiting with {@code cause}, closes the connection and frees the
     * buffers; later posts fail at once with the same cause. Closing twice does nothing.
     */
    void close(FerryException cause) {
        if (isClosed()) {
            return;
        }
        endCause = cause;
        dropLink();
        for (int cid = 0; cid < depth; cid++) {
            PlanShare share = shares[cid];
            resend[cid] = false;
            if (share != null) {
                share.plan.fail(indexes[cid], cause);
                finish(cid);
            }
        }
        for (ShareCursor cursor : cursors) {
            cursor.queued = false;
            cursor.failRest(cause);
        }
        cursors.clear();
        arena.close();
    }

    /** Hears one connection; once it was dropped, nothing of it. */
    private final class LinkListener implements HostQueue.Listener {
        private final int generation;

        LinkListener(int generation) {
            this.generation = generation;
        }

        @Override
        public void completed(int cid, int status, int cdw0, int cdw1) {
            if (generation == linkGeneration) {
                IoQueueWork.this.completed(cid, status);
            }
        }

        @Override
        public void closed(Throwable cause) {
            if (generation == linkGeneration) {
                String what = link.wasConnected() ? "I/O connection lost (queue " + qid + ")" : "I/O queue " + qid + " TCP connect failed";
                // Stop issuing at once: the controller's answer (suspend, resume) comes through the queue of its engine.
                suspend();
                owner.reportLost(association, what, cause);
            }
        }
    }
}
