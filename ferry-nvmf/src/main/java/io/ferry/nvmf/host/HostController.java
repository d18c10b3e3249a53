package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.NetLoop;
import io.ferry.net.Timer;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Connect;
import io.ferry.nvmf.internal.nvme.DiscoveryLog;
import io.ferry.nvmf.internal.nvme.Feature;
import io.ferry.nvmf.internal.nvme.Identify;
import io.ferry.nvmf.internal.nvme.IdentifyController;
import io.ferry.nvmf.internal.nvme.IdentifyNamespace;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.internal.pdu.Le;

import java.lang.foreign.Arena;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One controller as the host sees it: the admin queue, initialised in the order real hosts use
 * (nvme-tcp-notes.md §5.1: Connect, Property Get CAP and VS, Property Set CC.EN, CSTS.RDY polled
 * within CAP.TO, Identify Controller, Identify Namespace, Set Features Number of Queues), Keep Alive
 * every KATO/2, and for I/O one I/O queue per engine of the backend, that is per poll group
 * ({@link IoQueueWork}, QID = engine index + 1), as SPDK's host keeps a queue pair per thread. A
 * discovery controller reads the discovery log instead. Every step has a name, used when it fails.
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
    private static final long INIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long READY_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final NvmeAddress address;
    private final Mode mode;
    private final NvmeEngine engine;
    private final IoQueues io;
    private final HostOptions options;
    private final ControlRequest<Object> request;
    private final Arena arena = Arena.ofShared();
    private final DataBuffer page;
    private final Timer initDeadline;
    private final Timer readyPoll;
    private final Timer keepAlive;
    private final Timer reconnect;
    private final Recovery recovery;
    private InetSocketAddress socketAddress;
    private int inCapsuleBytes;
    private AdminQueue admin;
    /** Counts admin connections, that is associations tried: I/O queues tag their answers with it. */
    private int attempt;
    private String step = "TCP connect";
    private boolean adminConnectSent;
    private boolean opened;
    private boolean live;
    private boolean keepAliveOutstanding;
    private boolean ended;
    private FerryException endCause;
    private int controllerId;
    private long capabilities;
    private int version;
    private long readyDeadlineNs;
    private ControllerInfo controller;
    private NamespaceInfo namespace;

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
        this.initDeadline = loop.timer(() -> fail("timed out during " + step, null));
        this.readyPoll = loop.timer(this::readCsts);
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
        step = "TCP connect";
        attempt++;
        admin = new AdminQueue(this, engine.loop(), socketAddress, page, options);
    }

    NvmeAddress address() {
        return address;
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
        connectAdminQueue();
        return 1;
    }

    // ---- initialisation, in order ----

    private void connectAdminQueue() {
        HostCommands.connectData(page.view(), options.hostId(), Connect.DYNAMIC_CONTROLLER, address.subsystemNqn(), options.hostNqn());
        int keepAliveMs = mode == Mode.DISCOVERY ? 0 : KEEP_ALIVE_MS;
        send("Connect (admin queue)", (sqe, cid) -> HostCommands.connect(sqe, cid, 0, AdminQueue.QUEUE_SIZE, keepAliveMs),
                Connect.DATA_LENGTH, true, this::adminConnected);
    }

    private void adminConnected(int status, int cdw0, int cdw1) {
        controllerId = cdw0 & 0xFFFF;
        admin("Property Get CAP", (sqe, cid) -> HostCommands.propertyGet(sqe, cid, Property.CAP, true), 0, (s, lo, hi) -> {
            capabilities = (long) hi << 32 | lo & 0xFFFF_FFFFL;
            admin("Property Get VS", (sqe, cid) -> HostCommands.propertyGet(sqe, cid, Property.VS, false), 0, (s2, vs, x) -> {
                version = vs;
                int enable = Property.CC_EN | 6 << 16 | 4 << 20;
                admin("Property Set CC.EN", (sqe, cid) -> HostCommands.propertySet(sqe, cid, Property.CC, enable), 0, (s3, a, b) -> {
                    long timeoutMs = Math.max(500, (capabilities >>> 24 & 0xFF) * 500);
                    readyDeadlineNs = engine.loop().nowNs() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                    readCsts();
                });
            });
        });
    }

    private void readCsts() {
        admin("Property Get CSTS", (sqe, cid) -> HostCommands.propertyGet(sqe, cid, Property.CSTS, false), 0, (s, csts, x) -> {
            if ((csts & Property.CSTS_CFS) != 0) {
                fail("the controller reports a fatal status (CSTS.CFS) while enabling", null);
            } else if ((csts & Property.CSTS_RDY) != 0) {
                identifyController();
            } else if (engine.loop().nowNs() - readyDeadlineNs > 0) {
                fail("CSTS.RDY not set within CAP.TO", null);
            } else {
                readyPoll.scheduleAfter(READY_POLL_NS);
            }
        });
    }

    private void identifyController() {
        admin("Identify Controller", (sqe, cid) -> HostCommands.identify(sqe, cid, Identify.CNS_CONTROLLER, 0, 0),
                Identify.PAGE_LENGTH, (s, a, b) -> {
                    controller = AdminPages.controller(page.view(), capabilities, version);
                    inCapsuleBytes = (int) Math.max(0, Le.u32(page.view(), IdentifyController.IOCCSZ) * 16 - 64);
                    if (controller.controllerId() != controllerId) {
                        fail("Identify Controller reports CNTLID " + controller.controllerId() + ", Connect gave " + controllerId, null);
                    } else if (mode == Mode.DISCOVERY) {
                        readDiscoveryHeader();
                    } else if (address.nsid() == 0) {
                        succeed(new NvmeIdentity(controller, null));
                    } else {
                        identifyNamespace();
                    }
                });
    }

    private void identifyNamespace() {
        int nsid = address.nsid();
        admin("Identify Namespace " + nsid, (sqe, cid) -> HostCommands.identify(sqe, cid, Identify.CNS_NAMESPACE, nsid, 0),
                Identify.PAGE_LENGTH, (s, a, b) -> {
                    ByteBuffer p = page.view();
                    long blocks = Le.i64(p, IdentifyNamespace.NSZE);
                    int format = Le.u8(p, IdentifyNamespace.FLBAS) & 0xF;
                    int lbads = Le.u8(p, IdentifyNamespace.LBAF0 + 4 * format + 2);
                    if (blocks == 0 || lbads < 9 || lbads > 16) {
                        fail("namespace " + nsid + " is not active (size " + blocks + " blocks, LBADS " + lbads + ")", null);
                        return;
                    }
                    if (namespace != null && (namespace.blocks() != blocks || namespace.blockSize() != 1 << lbads)) {
                        end(new FerryException(ErrorCode.IO_ERROR, address + ": namespace " + nsid + " changed while reconnecting: "
                                + namespace.blocks() + " blocks of " + namespace.blockSize() + " bytes before, " + blocks
                                + " blocks of " + (1 << lbads) + " bytes now", null));
                        return;
                    }
                    namespace = new NamespaceInfo(nsid, blocks, 1 << lbads);
                    if (mode == Mode.IDENTIFY) {
                        succeed(new NvmeIdentity(controller, namespace));
                    } else {
                        setNumberOfQueues();
                    }
                });
    }

    /** Asks for one I/O queue per engine (0-based counts in CDW11) and connects them, each on its engine. */
    private void setNumberOfQueues() {
        int wanted = io.count() - 1;
        admin("Set Features Number of Queues", (sqe, cid) -> HostCommands.setFeatures(sqe, cid, Feature.NUMBER_OF_QUEUES,
                wanted | wanted << 16), 0, (s, granted, b) -> {
                    int most = Math.min(granted & 0xFFFF, granted >>> 16) + 1;
                    if (most < io.count()) {
                        fail("the controller grants " + most + " I/O queues, the agent has " + io.count() + " poll groups", null);
                        return;
                    }
                    step = "Connect (I/O queues 1-" + io.count() + ")";
                    io.open(controllerId, attempt, socketAddress, options, controller, namespace, inCapsuleBytes);
                });
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
        return controller;
    }

    /** The namespace, once identified. */
    NamespaceInfo namespaceInfo() {
        return namespace;
    }

    private void readDiscoveryHeader() {
        admin("Get Log Page discovery header", (sqe, cid) -> HostCommands.getLogPage(sqe, cid, 0x70, DiscoveryLog.RECORD_LENGTH, 0),
                DiscoveryLog.RECORD_LENGTH, (s, a, b) -> {
                    long records = Le.i64(page.view(), DiscoveryLog.NUMREC);
                    long most = AdminQueue.MAX_DATA / DiscoveryLog.RECORD_LENGTH - 1;
                    int count = (int) Math.min(Math.max(records, 0), most);
                    if (count == 0) {
                        succeed(List.of());
                        return;
                    }
                    int length = count * DiscoveryLog.RECORD_LENGTH;
                    admin("Get Log Page discovery records", (sqe, cid) -> HostCommands.getLogPage(sqe, cid, 0x70, length,
                            DiscoveryLog.RECORD_LENGTH), length, (s2, c, d) -> succeed(AdminPages.discoveryEntries(page.view(), count)));
                });
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
    private void admin(String name, AdminQueue.Command command, int length, AdminQueue.Step next) {
        send(name, command, length, false, next);
    }

    private void send(String name, AdminQueue.Command command, int length, boolean hostToController, AdminQueue.Step next) {
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

    private void succeed(Object value) {
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
        readyPoll.cancel();
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

    private void end(FerryException failure) {
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
        readyPoll.cancel();
        keepAlive.cancel();
        reconnect.cancel();
        io.close(endCause);
        dropAdmin();
        request.fail(endCause);
        arena.close();
    }
}
