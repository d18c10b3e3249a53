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

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The initialisation of a {@link HostController} on a new admin connection, in the order real hosts
 * use (nvme-tcp-notes.md §5.1): Connect, Property Get CAP and VS, Property Set CC.EN, CSTS.RDY polled
 * within CAP.TO, Identify Controller, then Identify Namespace and Set Features Number of Queues, or
 * the discovery log for a discovery controller. Each step is sent on the answer of the one before;
 * what it learns (the controller, the namespace) outlives the connection, so that a reconnect can
 * check the namespace did not change. Owned by the controller's home thread.
 */
final class ControllerInit {
    private static final long READY_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final HostController host;
    private final NvmeAddress address;
    private final HostController.Mode mode;
    private final NetLoop loop;
    private final IoQueues io;
    private final HostOptions options;
    private final DataBuffer page;
    private final Timer readyPoll;
    private int inCapsuleBytes;
    private int controllerId;
    private long capabilities;
    private int version;
    private long readyDeadlineNs;
    private ControllerInfo controller;
    private NamespaceInfo namespace;

    ControllerInit(HostController host, HostController.Mode mode, NetLoop loop, IoQueues io, HostOptions options, DataBuffer page) {
        this.host = host;
        this.address = host.address();
        this.mode = mode;
        this.loop = loop;
        this.io = io;
        this.options = options;
        this.page = page;
        this.readyPoll = loop.timer(this::readCsts);
    }

    /** The controller, once identified. */
    ControllerInfo controllerInfo() {
        return controller;
    }

    /** The namespace, once identified. */
    NamespaceInfo namespaceInfo() {
        return namespace;
    }

    /** Stops polling CSTS: the connection is gone. */
    void cancel() {
        readyPoll.cancel();
    }

    /** The first step, once the admin queue is ready: Connect, whose answer starts the rest. */
    void connectAdminQueue() {
        HostCommands.connectData(page.view(), options.hostId(), Connect.DYNAMIC_CONTROLLER, address.subsystemNqn(), options.hostNqn());
        int keepAliveMs = mode == HostController.Mode.DISCOVERY ? 0 : HostController.KEEP_ALIVE_MS;
        host.send("Connect (admin queue)", (sqe, cid) -> HostCommands.connect(sqe, cid, 0, AdminQueue.QUEUE_SIZE, keepAliveMs),
                Connect.DATA_LENGTH, true, this::adminConnected);
    }

    private void adminConnected(int status, int cdw0, int cdw1) {
        controllerId = cdw0 & 0xFFFF;
        host.admin("Property Get CAP", (sqe, cid) -> HostCommands.propertyGet(sqe, cid, Property.CAP, true), 0, (s, lo, hi) -> {
            capabilities = (long) hi << 32 | lo & 0xFFFF_FFFFL;
            host.admin("Property Get VS", (sqe, cid) -> HostCommands.propertyGet(sqe, cid, Property.VS, false), 0, (s2, vs, x) -> {
                version = vs;
                int enable = Property.CC_EN | 6 << 16 | 4 << 20;
                host.admin("Property Set CC.EN", (sqe, cid) -> HostCommands.propertySet(sqe, cid, Property.CC, enable), 0, (s3, a, b) -> {
                    long timeoutMs = Math.max(500, (capabilities >>> 24 & 0xFF) * 500);
                    readyDeadlineNs = loop.nowNs() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                    readCsts();
                });
            });
        });
    }

    private void readCsts() {
        host.admin("Property Get CSTS", (sqe, cid) -> HostCommands.propertyGet(sqe, cid, Property.CSTS, false), 0, (s, csts, x) -> {
            if ((csts & Property.CSTS_CFS) != 0) {
                host.fail("the controller reports a fatal status (CSTS.CFS) while enabling", null);
            } else if ((csts & Property.CSTS_RDY) != 0) {
                identifyController();
            } else if (loop.nowNs() - readyDeadlineNs > 0) {
                host.fail("CSTS.RDY not set within CAP.TO", null);
            } else {
                readyPoll.scheduleAfter(READY_POLL_NS);
            }
        });
    }

    private void identifyController() {
        host.admin("Identify Controller", (sqe, cid) -> HostCommands.identify(sqe, cid, Identify.CNS_CONTROLLER, 0, 0),
                Identify.PAGE_LENGTH, (s, a, b) -> {
                    controller = AdminPages.controller(page.view(), capabilities, version);
                    inCapsuleBytes = (int) Math.max(0, Le.u32(page.view(), IdentifyController.IOCCSZ) * 16 - 64);
                    if (controller.controllerId() != controllerId) {
                        host.fail("Identify Controller reports CNTLID " + controller.controllerId() + ", Connect gave " + controllerId, null);
                    } else if (mode == HostController.Mode.DISCOVERY) {
                        readDiscoveryHeader();
                    } else if (address.nsid() == 0) {
                        host.succeed(new NvmeIdentity(controller, null));
                    } else {
                        identifyNamespace();
                    }
                });
    }

    private void identifyNamespace() {
        int nsid = address.nsid();
        host.admin("Identify Namespace " + nsid, (sqe, cid) -> HostCommands.identify(sqe, cid, Identify.CNS_NAMESPACE, nsid, 0),
                Identify.PAGE_LENGTH, (s, a, b) -> {
                    ByteBuffer p = page.view();
                    long blocks = Le.i64(p, IdentifyNamespace.NSZE);
                    int format = Le.u8(p, IdentifyNamespace.FLBAS) & 0xF;
                    int lbads = Le.u8(p, IdentifyNamespace.LBAF0 + 4 * format + 2);
                    if (blocks == 0 || lbads < 9 || lbads > 16) {
                        host.fail("namespace " + nsid + " is not active (size " + blocks + " blocks, LBADS " + lbads + ")", null);
                        return;
                    }
                    if (namespace != null && (namespace.blocks() != blocks || namespace.blockSize() != 1 << lbads)) {
                        host.end(new FerryException(ErrorCode.IO_ERROR, address + ": namespace " + nsid + " changed while reconnecting: "
                                + namespace.blocks() + " blocks of " + namespace.blockSize() + " bytes before, " + blocks
                                + " blocks of " + (1 << lbads) + " bytes now", null));
                        return;
                    }
                    namespace = new NamespaceInfo(nsid, blocks, 1 << lbads);
                    if (mode == HostController.Mode.IDENTIFY) {
                        host.succeed(new NvmeIdentity(controller, namespace));
                    } else {
                        setNumberOfQueues();
                    }
                });
    }

    /** Asks for one I/O queue per engine (0-based counts in CDW11) and connects them, each on its engine. */
    private void setNumberOfQueues() {
        int wanted = io.count() - 1;
        host.admin("Set Features Number of Queues", (sqe, cid) -> HostCommands.setFeatures(sqe, cid, Feature.NUMBER_OF_QUEUES,
                wanted | wanted << 16), 0, (s, granted, b) -> {
                    int most = Math.min(granted & 0xFFFF, granted >>> 16) + 1;
                    if (most < io.count()) {
                        host.fail("the controller grants " + most + " I/O queues, the agent has " + io.count() + " poll groups", null);
                        return;
                    }
                    host.stepIs("Connect (I/O queues 1-" + io.count() + ")");
                    io.open(controllerId, host.attempt(), host.socketAddress(), options, controller, namespace, inCapsuleBytes);
                });
    }

    private void readDiscoveryHeader() {
        host.admin("Get Log Page discovery header", (sqe, cid) -> HostCommands.getLogPage(sqe, cid, 0x70, DiscoveryLog.RECORD_LENGTH, 0),
                DiscoveryLog.RECORD_LENGTH, (s, a, b) -> {
                    long records = Le.i64(page.view(), DiscoveryLog.NUMREC);
                    long most = AdminQueue.MAX_DATA / DiscoveryLog.RECORD_LENGTH - 1;
                    int count = (int) Math.min(Math.max(records, 0), most);
                    if (count == 0) {
                        host.succeed(List.of());
                        return;
                    }
                    int length = count * DiscoveryLog.RECORD_LENGTH;
                    host.admin("Get Log Page discovery records", (sqe, cid) -> HostCommands.getLogPage(sqe, cid, 0x70, length,
                            DiscoveryLog.RECORD_LENGTH), length, (s2, c, d) -> host.succeed(AdminPages.discoveryEntries(page.view(), count)));
                });
    }
}
