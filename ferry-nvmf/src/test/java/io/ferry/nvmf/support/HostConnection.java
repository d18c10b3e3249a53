package io.ferry.nvmf.support;

import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.host.HostQueue;
import io.ferry.nvmf.internal.nvme.Connect;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.internal.pdu.PduHandler;
import io.ferry.nvmf.internal.pdu.PduTransport;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A host queue over one end of a {@link MemoryLink} or over a socket ({@link SocketHosts}), with
 * blocking-style helpers for tests: each call submits a command and pumps the whole system (link
 * and target, or the host's network loop) until it completes.
 */
public final class HostConnection implements HostQueue.Listener {
    /** A command's completion. */
    public record Completion(int status, int cdw0, int cdw1) {
        public long value() {
            return (long) cdw1 << 32 | cdw0 & 0xFFFF_FFFFL;
        }
    }

    /** Writes a command's SQE given its CID. */
    @FunctionalInterface
    public interface Command {
        void write(ByteBuffer sqe, int cid);
    }

    public static final UUID HOST_ID = UUID.fromString("8a2e3c1f-0d5b-4e7a-9c61-2f3b4d5e6f70");

    private final Arena arena = Arena.ofShared();
    private final MemoryLink.End end;
    private final HostQueue queue;
    private final Runnable pump;
    private final Map<Integer, Completion> completions = new HashMap<>();
    private Throwable closedWith;
    private boolean closed;

    public HostConnection(MemoryLink.End end, Runnable pump, int depth, boolean headerDigest, boolean dataDigest) {
        this(end, end::attach, end, pump, depth, headerDigest, dataDigest);
    }

    /** A host queue over any transport; {@code attach} gives the transport its protocol handler. */
    public HostConnection(PduTransport transport, Consumer<PduHandler> attach, Runnable pump, int depth,
                          boolean headerDigest, boolean dataDigest) {
        this(transport, attach, null, pump, depth, headerDigest, dataDigest);
    }

    private HostConnection(PduTransport transport, Consumer<PduHandler> attach, MemoryLink.End end, Runnable pump,
                           int depth, boolean headerDigest, boolean dataDigest) {
        this.end = end;
        this.pump = pump;
        this.queue = new HostQueue(transport, this, depth, headerDigest, dataDigest, 0, 1 << 20);
        attach.accept(queue);
    }

    public HostQueue queue() {
        return queue;
    }

    public MemoryLink.End end() {
        return end;
    }

    /** Native memory for a command's data. */
    public DataBuffer buffer(int bytes) {
        return new DataBuffer(arena.allocate(Math.max(bytes, 1), 4096).asSlice(0, bytes));
    }

    /** ICReq, then pumps until ICResp was accepted (or the connection closed). */
    public boolean initialize() {
        queue.start();
        for (int round = 0; round < AWAIT_ROUNDS && !queue.isReady() && !closed; round++) {
            pump.run();
        }
        return queue.isReady();
    }

    /** Submits a command without waiting; returns its CID. */
    public int submit(Command command, DataBuffer data, int length, boolean hostToController) {
        int cid = queue.acquire();
        if (cid < 0) {
            throw new IllegalStateException("no free slot");
        }
        command.write(queue.sqe(cid), cid);
        queue.submit(cid, data, length, hostToController);
        return cid;
    }

    /**
     * Pumps until command {@code cid} completed; null if the connection closed first or the command
     * stays pending (held, paused) once nothing moves. Device I/O in the kernel (O_DIRECT on libaio)
     * may need more than one round, so rounds repeat, a bounded number of times.
     */
    public Completion await(int cid) {
        for (int round = 0; round < AWAIT_ROUNDS && !completions.containsKey(cid) && !closed; round++) {
            pump.run();
            if (round > 0) {
                Thread.onSpinWait();
            }
        }
        return completions.remove(cid);
    }

    /** Rounds of {@link #await}: enough for any kernel I/O of a test, bounded so that a hang fails. */
    private static final int AWAIT_ROUNDS = 200_000;

    /** Pumps until nothing moves and tells whether command {@code cid} is still outstanding (held, paused). */
    public boolean isPending(int cid) {
        pump.run();
        return !completions.containsKey(cid) && !closed;
    }

    public Completion execute(Command command, DataBuffer data, int length, boolean hostToController) {
        return await(submit(command, data, length, hostToController));
    }

    public Completion execute(Command command) {
        return execute(command, null, 0, false);
    }

    /** Fabrics Connect; returns the completion (CDW0 holds the CNTLID on success). */
    public Completion connect(int qid, int queueSize, int keepAliveMs, int cntlid, String subsystemNqn, String hostNqn) {
        DataBuffer data = buffer(Connect.DATA_LENGTH);
        HostCommands.connectData(data.view(), HOST_ID, cntlid, subsystemNqn, hostNqn);
        return execute((sqe, cid) -> HostCommands.connect(sqe, cid, qid, queueSize, keepAliveMs), data,
                Connect.DATA_LENGTH, true);
    }

    public Completion propertyGet(int offset, boolean eightBytes) {
        return execute((sqe, cid) -> HostCommands.propertyGet(sqe, cid, offset, eightBytes));
    }

    public Completion propertySet(int offset, long value) {
        return execute((sqe, cid) -> HostCommands.propertySet(sqe, cid, offset, value));
    }

    /** Identify into a new 4 KiB buffer, which is returned with the completion through {@code page}. */
    public Completion identify(int cns, int nsid, DataBuffer page) {
        return execute((sqe, cid) -> HostCommands.identify(sqe, cid, cns, nsid, 0), page, 4096, false);
    }

    public Completion getLogPage(int logId, int length, long offset, DataBuffer page) {
        return execute((sqe, cid) -> HostCommands.getLogPage(sqe, cid, logId, length, offset), page, length, false);
    }

    public Completion setFeatures(int feature, int value) {
        return execute((sqe, cid) -> HostCommands.setFeatures(sqe, cid, feature, value), null, 0, true);
    }

    public Completion getFeatures(int feature) {
        return execute((sqe, cid) -> HostCommands.getFeatures(sqe, cid, feature));
    }

    public Completion keepAlive() {
        return execute(HostCommands::keepAlive);
    }

    public Completion read(int nsid, long slba, int blocks, DataBuffer data, int length) {
        return execute((sqe, cid) -> HostCommands.readWrite(sqe, cid, false, nsid, slba, blocks), data, length, false);
    }

    public Completion write(int nsid, long slba, int blocks, DataBuffer data, int length) {
        return execute((sqe, cid) -> HostCommands.readWrite(sqe, cid, true, nsid, slba, blocks), data, length, true);
    }

    @Override
    public void completed(int cid, int status, int cdw0, int cdw1) {
        completions.put(cid, new Completion(status, cdw0, cdw1));
    }

    @Override
    public void closed(Throwable cause) {
        closed = true;
        closedWith = cause;
    }

    public boolean isClosed() {
        return closed;
    }

    public Throwable closedWith() {
        return closedWith;
    }
}
