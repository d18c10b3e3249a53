package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.AsyncEvent;
import io.ferry.nvmf.internal.nvme.Feature;
import io.ferry.nvmf.internal.nvme.LogPage;
import io.ferry.nvmf.internal.nvme.Status;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A controller, made by Connect on an admin queue (dynamic controller model, SPDK's
 * {@code spdk_nvmf_ctrlr}): its CNTLID, host, registers, features, held asynchronous event
 * requests and keep-alive deadline. It lives on its admin queue's thread, where every admin
 * command runs. I/O queues on other poll groups join it through {@link #addIoQueue} and read
 * {@link #isEnabled()}; events raised from any thread ({@link #raise}) are delivered by the owner's
 * poll. The keep-alive deadline is a value the owner checks with the time it polls at: no clock is
 * read here.
 */
final class Controller {
    /** Outstanding asynchronous event requests a host may keep (AERL + 1). */
    static final int AER_LIMIT = 4;
    /** Keep-alive granularity (KAS), 100 ms. */
    static final int KEEP_ALIVE_UNIT_MS = 100;

    private final Subsystem subsystem;
    private final int cntlid;
    private final String hostNqn;
    private final QueuePair admin;
    private final Registers registers;
    private final QueuePair[] queues;
    private final int[] heldEvents = new int[AER_LIMIT];
    private int heldEventCount;
    private final AtomicInteger pendingEvents = new AtomicInteger();
    private volatile boolean enabled;
    private volatile boolean destroyed;
    private int keepAliveMs;
    private long lastKeepAliveNs;
    private int eventConfiguration;
    private boolean writeCache = true;

    Controller(Subsystem subsystem, int cntlid, String hostNqn, QueuePair admin, int keepAliveMs, long nowNs) {
        this.subsystem = subsystem;
        this.cntlid = cntlid;
        this.hostNqn = hostNqn;
        this.admin = admin;
        TargetOptions options = subsystem.target().options();
        this.registers = new Registers(this, options.maxQueueDepth());
        this.queues = new QueuePair[options.maxQueuesPerController()];
        this.queues[0] = admin;
        this.keepAliveMs = roundKeepAlive(keepAliveMs);
        this.lastKeepAliveNs = nowNs;
    }

    int cntlid() {
        return cntlid;
    }

    Subsystem subsystem() {
        return subsystem;
    }

    String hostNqn() {
        return hostNqn;
    }

    Registers registers() {
        return registers;
    }

    boolean isDiscovery() {
        return subsystem.isDiscovery();
    }

    boolean isEnabled() {
        return enabled && !destroyed;
    }

    // ---- registers' side effects ----

    void enable() {
        enabled = true;
    }

    void reset() {
        enabled = false;
        disconnectIoQueues(new FerryException(ErrorCode.CLOSED, "controller " + cntlid + " was reset by the host"));
    }

    void shutdown() {
        enabled = false;
        disconnectIoQueues(new FerryException(ErrorCode.CLOSED, "controller " + cntlid + " was shut down by the host"));
    }

    // ---- queues ----

    /** Joins an I/O queue; false when the QID is out of range or taken. Any thread. */
    synchronized boolean addIoQueue(int qid, QueuePair queue) {
        if (destroyed || qid < 1 || qid >= queues.length || queues[qid] != null) {
            return false;
        }
        queues[qid] = queue;
        return true;
    }

    synchronized boolean hasIoQueues() {
        for (int qid = 1; qid < queues.length; qid++) {
            if (queues[qid] != null) {
                return true;
            }
        }
        return false;
    }

    /** A queue's connection closed: an I/O queue leaves; the admin queue takes the controller with it. */
    void queueClosed(QueuePair queue, Throwable cause) {
        if (queue == admin) {
            destroy(cause);
            return;
        }
        synchronized (this) {
            if (queue.qid() > 0 && queues[queue.qid()] == queue) {
                queues[queue.qid()] = null;
            }
        }
    }

    private void destroy(Throwable cause) {
        destroyed = true;
        subsystem.removeController(this);
        disconnectIoQueues(cause != null ? cause
                : new FerryException(ErrorCode.CLOSED, "the admin queue of controller " + cntlid + " closed"));
        heldEventCount = 0;
    }

    /**
     * Disconnects what the subsystem no longer admits (SPDK does the same when a host or listener is
     * removed): the whole controller when its host may no longer connect, else each queue connected
     * through a listener that no longer admits hosts. Any thread; the owners close the queues at their
     * next poll.
     */
    synchronized void disconnectRevoked() {
        if (!subsystem.isHostAllowed(hostNqn)) {
            admin.disconnect(new FerryException(ErrorCode.ACCESS_DENIED, "host '" + hostNqn + "' may no longer connect to "
                    + subsystem.nqn() + "; controller " + cntlid + " torn down"));
            return;
        }
        for (QueuePair queue : queues) {
            if (queue != null && !subsystem.isListenerAllowed(queue.listener())) {
                queue.disconnect(new FerryException(ErrorCode.ACCESS_DENIED, "listener " + queue.listener()
                        + " no longer admits hosts to " + subsystem.nqn()));
            }
        }
    }

    private synchronized void disconnectIoQueues(Throwable cause) {
        for (int qid = 1; qid < queues.length; qid++) {
            if (queues[qid] != null) {
                queues[qid].disconnect(cause);
            }
        }
    }

    // ---- keep alive ----

    int keepAliveMs() {
        return keepAliveMs;
    }

    void keepAliveMs(int ms) {
        keepAliveMs = roundKeepAlive(ms);
    }

    private static int roundKeepAlive(int ms) {
        long rounded = ((ms & 0xFFFF_FFFFL) + KEEP_ALIVE_UNIT_MS - 1) / KEEP_ALIVE_UNIT_MS * KEEP_ALIVE_UNIT_MS;
        return (int) Math.min(rounded, Integer.MAX_VALUE / KEEP_ALIVE_UNIT_MS * KEEP_ALIVE_UNIT_MS);
    }

    void keepAlive(long nowNs) {
        lastKeepAliveNs = nowNs;
    }

    /**
     * The owner's duty cycle: tears the controller down when no Keep Alive came within KATO of
     * {@code nowNs}, else delivers raised events to held requests.
     */
    int poll(long nowNs) {
        if (destroyed) {
            return 0;
        }
        if (keepAliveMs > 0 && nowNs - lastKeepAliveNs > TimeUnit.MILLISECONDS.toNanos(keepAliveMs)) {
            registers.fatal();
            admin.closeWith(new FerryException(ErrorCode.TIMED_OUT, "keep-alive timeout: no Keep Alive from host '"
                    + hostNqn + "' within " + keepAliveMs + " ms; controller " + cntlid + " of " + subsystem.nqn()
                    + " torn down"));
            return 1;
        }
        return pendingEvents.get() == 0 || heldEventCount == 0 ? 0 : deliverEvent();
    }

    // ---- asynchronous events ----

    int eventConfiguration() {
        return eventConfiguration;
    }

    void eventConfiguration(int value) {
        eventConfiguration = value;
    }

    boolean writeCache() {
        return writeCache;
    }

    void writeCache(boolean enabled) {
        writeCache = enabled;
    }

    /** Holds an Asynchronous Event Request until an event; fails beyond {@link #AER_LIMIT}. */
    int hold(Request r) {
        if (heldEventCount == AER_LIMIT) {
            return r.fail(Status.ASYNC_EVENT_LIMIT_EXCEEDED);
        }
        heldEvents[heldEventCount++] = r.index;
        return Request.PENDING;
    }

    /** Records an event ({@link Feature#AEC_NAMESPACE_ATTRIBUTE} or {@link Feature#AEC_DISCOVERY_CHANGE}); any thread. */
    void raise(int event) {
        pendingEvents.getAndUpdate(events -> events | event);
    }

    private int deliverEvent() {
        int events = pendingEvents.get();
        int event = Integer.lowestOneBit(events);
        pendingEvents.getAndUpdate(e -> e & ~event);
        if ((eventConfiguration & event) == 0) {
            return 1;
        }
        Request r = admin.request(heldEvents[--heldEventCount]);
        int info = event == Feature.AEC_DISCOVERY_CHANGE ? AsyncEvent.INFO_DISCOVERY_CHANGED
                : AsyncEvent.INFO_NAMESPACE_ATTRIBUTE_CHANGED;
        int log = event == Feature.AEC_DISCOVERY_CHANGE ? LogPage.DISCOVERY : AsyncEvent.LOG_CHANGED_NAMESPACES;
        r.succeed(AsyncEvent.cdw0(AsyncEvent.TYPE_NOTICE, info, log), 0);
        admin.finished(r);
        return 1;
    }

    /** I/O queues granted by Set Features Number of Queues, 0's based, in both halves of CDW0. */
    int grantedQueues() {
        int granted = queues.length - 2;
        return granted | granted << 16;
    }
}
