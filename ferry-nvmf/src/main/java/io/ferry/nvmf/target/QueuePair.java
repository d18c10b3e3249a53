package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.Fault;
import io.ferry.nvmf.internal.pdu.PduEndpoint;
import io.ferry.nvmf.internal.pdu.PduTransport;
import io.ferry.nvmf.internal.pdu.PduType;

import java.nio.ByteBuffer;

/**
 * One connection, one NVMe queue (SPDK's {@code spdk_nvmf_tcp_qpair}): the receive state machine,
 * the requests in flight and their single transition method. Owned by its poll group's thread;
 * the only thing other threads do is {@link #disconnect}, which the owner applies at its next poll.
 *
 * <p>Before ICReq only ICReq is accepted, before Connect only Connect runs. Requests and buffers
 * are made at Connect for the queue size the host asked for, so the steady state allocates
 * nothing. A malformed PDU ends this connection alone with a C2HTermReq naming the fault.
 */
final class QueuePair extends PduEndpoint {
    private static final System.Logger LOG = System.getLogger(QueuePair.class.getName());

    private final TargetGroup group;
    private final PduTransport transport;
    private final ListenAddress listener;
    private final int slot;
    private final PduSender sender;
    private final Requests requests;
    private final Intake intake;
    private final int[] stateCounts = new int[RequestState.values().length];

    private Controller controller;
    private int qid = -1;
    private int queueSize;
    private int sqHead;
    private boolean closing;
    private boolean closed;
    private Throwable quiescing;
    private volatile Throwable disconnectCause;

    QueuePair(TargetGroup group, PduTransport transport, ListenAddress listener, int slot) {
        super(transport, PduType.FROM_HOST,
                Math.max(TargetOptions.ADMIN_IN_CAPSULE_DATA_SIZE, group.target().options().maxIoSize()));
        this.group = group;
        this.transport = transport;
        this.listener = listener;
        this.slot = slot;
        TargetOptions options = group.target().options();
        this.requests = new Requests(options);
        this.sender = new PduSender(transport, requests.arena());
        this.intake = new Intake(this, requests, sender, reader);
        stateCounts[RequestState.FREE.ordinal()] = requests.count();
    }

    TargetGroup group() {
        return group;
    }

    ListenAddress listener() {
        return listener;
    }

    Controller controller() {
        return controller;
    }

    int qid() {
        return qid;
    }

    boolean isAdmin() {
        return qid == 0;
    }

    boolean isConnected() {
        return controller != null;
    }

    int slot() {
        return slot;
    }

    /** How many requests are in {@code state}: a stuck request shows here. */
    int count(RequestState state) {
        return stateCounts[state.ordinal()];
    }

    Request request(int index) {
        return requests.get(index);
    }

    // ---- the one transition method ----

    /** Moves a request to {@code next}; an illegal move is a bug and throws. */
    void transition(Request r, RequestState next) {
        RequestState previous = r.state;
        if (!previous.next().contains(next)) {
            throw new IllegalStateException("request " + r.index + " (CID " + r.cid() + ") cannot go from "
                    + previous + " to " + next);
        }
        stateCounts[previous.ordinal()]--;
        stateCounts[next.ordinal()]++;
        r.state = next;
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "qpair {0} qid {1} request {2} CID {3}: {4} -> {5}",
                    slot, qid, r.index, r.cid(), previous, next);
        }
    }

    // ---- inbound ----

    @Override
    public long onHeader(ByteBuffer in, int at, int type, int flags, int dataLength) {
        return intake.onHeader(in, at, type, flags, dataLength);
    }

    @Override
    public void onData(boolean digestMatches) {
        intake.onData(digestMatches);
    }

    @Override
    public void onFault(long fault, ByteBuffer in, int at, int copyLength) {
        group.protocolError();
        LOG.log(System.Logger.Level.DEBUG, "NVMe/TCP connection through {0}: malformed PDU, closing: {1}",
                listener, Fault.describe(fault));
        closing = true;
        sender.termReq(fault, in, at, copyLength);
    }

    // ---- processing ----

    /** Moves a request forward as far as it can go now (SPDK's {@code nvmf_tcp_req_process}). */
    void advance(Request r) {
        while (true) {
            switch (r.state) {
                case NEED_BUFFER -> {
                    if (!requests.acquireBuffer(r)) {
                        requests.defer(r);
                        return;
                    }
                    if (r.hostToController) {
                        sender.r2t(r);
                        transition(r, RequestState.AWAITING_R2T_ACK);
                        return;
                    }
                    transition(r, RequestState.READY_TO_EXECUTE);
                }
                case READY_TO_EXECUTE -> {
                    if (closing) {
                        return;
                    }
                    transition(r, RequestState.EXECUTING);
                    int outcome = quiescing != null ? r.fail(Status.ABORTED_SQ_DELETION) : Commands.execute(this, r);
                    if (outcome == Request.PENDING) {
                        return;
                    }
                    if (outcome == Request.RETRY) {
                        transition(r, RequestState.READY_TO_EXECUTE);
                        requests.defer(r);
                        return;
                    }
                    transition(r, RequestState.EXECUTED);
                }
                case EXECUTED -> transition(r, RequestState.READY_TO_COMPLETE);
                case READY_TO_COMPLETE -> {
                    if (closing) {
                        return;
                    }
                    sqHead = queueSize == 0 ? 0 : (sqHead + 1) % queueSize;
                    sender.complete(r, sqHead);
                    transition(r, RequestState.TRANSFERRING_CONTROLLER_TO_HOST);
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** A request that was {@link Request#PENDING} finished: its status and data are set. */
    void finished(Request r) {
        transition(r, RequestState.EXECUTED);
        if (closed) {
            release(r);
            releaseIfIdle();
        } else {
            advance(r);
        }
    }

    /** A request that was {@link Request#PENDING} has more to do: it runs again. */
    void again(Request r) {
        transition(r, RequestState.READY_TO_EXECUTE);
        advance(r);
    }

    /** A device operation of request {@code index} completed. */
    void deviceCompleted(int index, int status) {
        Request r = requests.get(index);
        r.deviceOps--;
        IoCommands.completed(this, r, status);
    }

    // ---- outbound ----

    @Override
    public void onSent(long token) {
        if (token == PduSender.TOKEN_TERM_REQ) {
            transport.shutdown(new FerryException(ErrorCode.IO_ERROR, "malformed PDU from the host"));
            return;
        }
        if (token < 0) {
            return;
        }
        Request r = requests.get(PduSender.index(token));
        if (PduSender.kind(token) == PduSender.KIND_R2T) {
            if (r.state == RequestState.AWAITING_R2T_ACK) {
                transition(r, RequestState.TRANSFERRING_HOST_TO_CONTROLLER);
            }
            return;
        }
        transition(r, RequestState.COMPLETED);
        release(r);
        retryDeferred();
    }

    void release(Request r) {
        requests.releaseBuffer(r);
        transition(r, RequestState.FREE);
        requests.give(r);
    }

    /** Tries the deferred requests once each; counts those that moved on (one deferred again is no work). */
    private int retryDeferred() {
        int work = 0;
        for (int n = requests.deferredCount(); n > 0 && !closing; n--) {
            Request r = requests.undefer();
            RequestState before = r.state;
            advance(r);
            work += r.state == before ? 0 : 1;
        }
        return work;
    }

    // ---- connect ----

    /**
     * Connect succeeded: this connection is queue {@code qid} of {@code controller}, with {@code size}
     * entries; a host without SQ flow control gets successful reads without a response (C2HData SUCCESS).
     */
    void connected(Controller controller, int qid, int size, boolean noSqFlowControl) {
        this.controller = controller;
        sender.successInData(noSqFlowControl);
        this.qid = qid;
        this.queueSize = size;
        requests.grow(size, qid == 0);
        stateCounts[RequestState.FREE.ordinal()] = requests.count() - busy();
    }

    private int busy() {
        int busy = 0;
        for (RequestState s : RequestState.values()) {
            busy += s == RequestState.FREE ? 0 : stateCounts[s.ordinal()];
        }
        return busy;
    }

    // ---- lifecycle ----

    /** Asks the owner to close this connection at its next poll; any thread. */
    void disconnect(Throwable cause) {
        disconnectCause = cause;
    }

    /**
     * The owner's duty cycle: applies a disconnect, retries deferred requests and, on an admin
     * queue, runs the controller's keep-alive check and event delivery with the poll's time.
     */
    int poll(long nowNs) {
        Throwable cause = disconnectCause;
        if (cause != null && !closed) {
            disconnectCause = null;
            closeWith(cause);
            return 1;
        }
        if (closing) {
            return 0;
        }
        int work = retryDeferred();
        if (quiescing != null && isQuiet()) {
            stopReading();
            transport.shutdown(quiescing); // the host reads the last answers before the end
            return work + 1;
        }
        if (qid == 0 && controller != null) {
            work += controller.poll(nowNs);
        }
        return work;
    }

    /**
     * Ends this connection gracefully: commands not yet started fail with Command Aborted due to SQ
     * Deletion, those under way (data moving, on a device, response being sent) finish, and the
     * connection closes once none is left; a held event request does not keep it open.
     */
    void quiesce(Throwable cause) {
        if (quiescing == null) {
            quiescing = cause;
        }
    }

    /** No request is under way: all are free, or held without a device operation (event requests). */
    private boolean isQuiet() {
        return count(RequestState.FREE) + count(RequestState.EXECUTING) == requests.count() && onDevice() == 0;
    }

    void closeWith(Throwable cause) {
        stopReading();
        transport.close(cause);
    }

    private void stopReading() {
        if (!closing) {
            closing = true;
            reader.stop();
        }
    }

    /** Closes the connection and lets go of everything not on a device, without waiting for the transport's report. */
    void abort(Throwable cause) {
        closeWith(cause);
        onClosed(cause);
    }

    /** Requests of this queue pair that wait for a device operation. */
    int onDevice() {
        int busy = 0;
        for (int i = 0; i < requests.count(); i++) {
            busy += requests.get(i).deviceOps > 0 ? 1 : 0;
        }
        return busy;
    }

    @Override
    public void onClosed(Throwable cause) {
        if (closed) {
            return;
        }
        closing = true;
        closed = true;
        reader.stop();
        if (controller != null) {
            controller.queueClosed(this, cause);
        }
        for (int i = 0; i < requests.count(); i++) {
            Request r = requests.get(i);
            if (r.state != RequestState.FREE && r.deviceOps == 0) {
                release(r);
            }
        }
        releaseIfIdle();
    }

    private void releaseIfIdle() {
        if (closed && stateCounts[RequestState.FREE.ordinal()] == requests.count()) {
            requests.close();
            group.removed(this);
        }
    }

    boolean isClosed() {
        return closed;
    }
}
