package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.NetLoop;
import io.ferry.net.Timer;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.pdu.DataBuffer;

import java.lang.foreign.Arena;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One controller as the host sees it: the admin queue, initialised in the order real hosts use
 * ({@link ControllerInit}), Keep Alive every KATO/2, and for I/O one I/O queue per engine of the
 * backend, that is per poll group ({@link IoQueueWork}, QID = engine index + 1), as SPDK's host keeps
 * a queue pair per thread. A discovery controller reads the discovery log instead. Every step has a
 * name, used when it fails.
 *
 * <p>A failure before the namespace was opened ends the controller. Once opened, a lost connection
 * (admin or I/O), a failed step or an unanswered Keep Alive starts a {@link Recovery}: both queues
 * are dropped (the I/O queue keeps its commands to send again), and after a back-off the whole
 * sequence runs again on new connections, as Linux's error recovery does; the target gives the new
 * association a new CNTLID. When the bound passes first, the controller ends and what waits for it
 * fails with the first cause.
 *
 * <p>Owned by its home engine's thread; each I/O queue is owned by its own engine's thread
 * ({@link IoQueues} carries the messages between them).
 */
final class HostController {
    enum Mode { DISCOVERY, IDENTIFY, IO }

    private static final System.Logger LOG = System.getLogger(HostController.class.getName());

    static final int KEEP_ALIVE_MS = 10_000;
    private static final String TCP_CONNECT = "TCP connect";
    private static final long INIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final NvmeAddress address;
    private final Mode mode;
    private final NvmeEngine engine;
    private final IoQueues io;
    private final HostOptions options;
    private final ControlRequest<Object> request;
    private final Arena arena = Arena.ofShared();
    private final DataBuffer page;
    private final ControllerInit init;
    private final Timer initDeadline;
    private final Timer keepAlive;
    private final Timer reconnect;
    private final Recovery recovery;
    private InetSocketAddress socketAddress;
    private AdminQueue admin;
    private int attempt;
    private String step = TCP_CONNECT;
    private boolean adminConnectSent;
    private boolean opened;
    private boolean live;
    private boolean keepAliveOutstanding;
    private boolean ended;
    private FerryException endCause;

    /**
     * @param engine  the home engine, whose thread runs the admin queue
     * @param engines every engine of the backend: each gets an I/O queue (mode IO)
     */
    HostController(NvmeAddress address, Mode mode, NvmeEngine engine, NvmeEngine[] engines, HostOptions options,
                   ControlRequest<Object> request) {
        this.address = address;
        this.mode = mode;
        this.engine = engine;
        this.io = new IoQueues(this, engine, engines);
        this.options = options;
        this.request = request;
        this.page = new DataBuffer(arena.allocate(AdminQueue.MAX_DATA, 4096));
        NetLoop loop = engine.loop();
        this.init = new ControllerInit(this, mode, loop, io, options, page);
        this.initDeadline = loop.timer(() -> fail("timed out during " + stepUnderWay(), null));
        this.keepAlive = loop.timer(this::sendKeepAlive);
        this.reconnect = loop.timer(this::reconnect);
        this.recovery = new Recovery(options.reconnectTimeoutNs());
    }

    /** Connects the admin queue; the rest follows from {@link #poll()} and completions. */
    void start(InetSocketAddress socketAddress) {
        this.socketAddress = socketAddress;
        initDeadline.scheduleAfter(INIT_TIMEOUT_NS);
        connectAdmin();
    }

    private void connectAdmin() {
        adminConnectSent = false;
        step = TCP_CONNECT;
        attempt++;
        admin = new AdminQueue(this, engine.loop(), socketAddress, page, options);
    }

    NvmeAddress address() {
        return address;
    }

    /** Where the admin queue connects, and so the I/O queues. */
    InetSocketAddress socketAddress() {
        return socketAddress;
    }

    /** Counts admin connections, that is associations tried: I/O queues tag their answers with it. */
    int attempt() {
        return attempt;
    }

    /** Names the step under way, for the message when it fails or times out. */
    void stepIs(String name) {
        step = name;
    }

    /** The step under way; a connection that opened and never answered the ICReq is not NVMe/TCP's, most likely. */
    private String stepUnderWay() {
        if (step.equals(TCP_CONNECT) && admin != null && admin.isConnected()) {
            return "the connection's set-up: the ICReq went out, no ICResp came (is an NVMe/TCP target listening there?)";
        }
        return step;
    }

    boolean isEnded() {
        return ended;
    }

    /** Why it ended, or null while it runs (or when it was closed without a cause). */
    FerryException endCause() {
        return endCause;
    }

    /** The I/O queue of engine {@code k}; on that engine's thread, once the namespace is open. */
    IoQueueWork queue(int k) {
        return io.queue(k);
    }

    /** Sends Connect once the admin queue is ready. */
    int poll() {
        if (ended || admin == null || adminConnectSent || !admin.isReady()) {
            return 0;
        }
        adminConnectSent = true;
        init.connectAdminQueue();
        return 1;
    }

    /** Every I/O queue completed its Connect: the controller is live. Home thread. */
    void queuesLive() {
        live = true;
        initDeadline.cancel();
        keepAlive.scheduleAfter(TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS / 2));
        if (recovery.isActive()) {
            LOG.log(System.Logger.Level.INFO, "{0}: reconnected after {1} attempts", address, recovery.attempts());
            recovery.restored();
        }
        if (!opened) {
            opened = true;
            succeed(this);
        }
    }

    /** The controller, once identified. */
    ControllerInfo controllerInfo() {
        return init.controllerInfo();
    }

    /** The namespace, once identified. */
    NamespaceInfo namespaceInfo() {
        return init.namespaceInfo();
    }

    /**
     * Keep Alive every KATO/2. One still unanswered when the next is due means the controller
     * stopped answering (a hung or frozen target keeps its sockets open): the connection counts as
     * lost, so that I/O in flight is sent again elsewhere or fails instead of waiting forever.
     */
    private void sendKeepAlive() {
        if (ended || !live) {
            return;
        }
        if (keepAliveOutstanding) {
            fail("no answer to Keep Alive within " + KEEP_ALIVE_MS / 2 + " ms", null);
            return;
        }
        keepAliveOutstanding = true;
        admin("Keep Alive", HostCommands::keepAlive, 0, (s, a, b) -> keepAliveOutstanding = false);
        keepAlive.scheduleAfter(TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS / 2));
    }

    // ---- admin commands ----

    /** Sends an admin command with {@code length} bytes of data read into the page; a failure status ends the controller. */
    void admin(String name, AdminQueue.Command command, int length, AdminQueue.Step next) {
        send(name, command, length, false, next);
    }

    /** Sends an admin command; {@code hostToController} when its {@code length} bytes of data go from the page. */
    void send(String name, AdminQueue.Command command, int length, boolean hostToController, AdminQueue.Step next) {
        if (ended) {
            return;
        }
        step = name;
        if (!admin.send(name, command, length, hostToController, next)) {
            fail("no free admin slot for " + name, null);
        }
    }

    /** The admin connection ended, or never opened. */
    void adminClosed(boolean wasConnected, Throwable cause) {
        fail(!wasConnected ? "TCP connect failed" : "admin connection lost" + (live ? "" : " during " + step), cause);
    }

    // ---- ending ----

    /** The step asked for is done: the open, identify or discovery request succeeds with {@code value}. */
    void succeed(Object value) {
        if (mode != Mode.IO) {
            initDeadline.cancel();
            request.succeed(value);
            close(null);
            return;
        }
        request.succeed(value);
    }

    /**
     * Something failed ({@code what}, for {@code cause}): an opened controller reconnects, within the
     * bound; otherwise it ends and what waits for it fails with a message naming the address.
     */
    void fail(String what, Throwable cause) {
        if (ended) {
            return;
        }
        String reason = what + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
        if (!opened || !recovery.isEnabled()) {
            end(new FerryException(ErrorCode.IO_ERROR, address + ": " + reason, cause));
            return;
        }
        if (!recovery.isActive()) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1}; reconnecting", address, reason);
        }
        long delayNs = recovery.failed(reason, engine.loop().nowNs());
        if (delayNs < 0) {
            end(new FerryException(ErrorCode.IO_ERROR, address + ": " + recovery.givingUp(), cause));
            return;
        }
        live = false;
        keepAliveOutstanding = false;
        initDeadline.cancel();
        init.cancel();
        keepAlive.cancel();
        dropAdmin();
        io.suspend();
        reconnect.scheduleAfter(delayNs);
    }

    /** The next attempt: the whole sequence on a new admin connection, bounded by what is left of the bound. */
    private void reconnect() {
        if (ended) {
            return;
        }
        initDeadline.scheduleAfter(Math.min(INIT_TIMEOUT_NS, recovery.attemptStarted(engine.loop().nowNs())));
        try {
            connectAdmin();
        } catch (FerryException e) {
            fail("TCP connect failed", e);
        }
    }

    private void dropAdmin() {
        if (admin != null) {
            admin.drop();
            admin = null;
        }
    }

    /** Ends the controller, failing what waits for it, without a reconnect. */
    void end(FerryException failure) {
        request.fail(failure);
        close(failure);
    }

    /** Closes the controller on its home thread, at the next poll; any thread. */
    void closeFromAnyThread() {
        engine.execute(() -> close(null));
    }

    /** Closes the admin queue and every I/O queue; I/O in flight or waiting fails with {@code cause} (or CLOSED). */
    void close(FerryException cause) {
        if (ended) {
            return;
        }
        ended = true;
        endCause = cause != null ? cause : new FerryException(ErrorCode.CLOSED, address + " was closed");
        initDeadline.cancel();
        init.cancel();
        keepAlive.cancel();
        reconnect.cancel();
        io.close(endCause);
        dropAdmin();
        request.fail(endCause);
        arena.close();
    }
}
