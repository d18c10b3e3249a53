package io.ferry.nvmf.support;

import io.ferry.nvmf.device.BlockDevice;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.target.Subsystem;
import io.ferry.nvmf.target.Target;
import io.ferry.nvmf.target.TcpAcceptor;
import io.ferry.runtime.FerryRuntime;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our target on 127.0.0.1 (a port the kernel picks), served by a runtime's poll groups with the
 * acceptor on the first: one subsystem, any host, one namespace over the device given.
 * {@link #close()} stops the threads (closing the groups on them) and then the device.
 */
public final class LoopbackTarget implements AutoCloseable {
    public static final String NQN = "nqn.2026-01.io.ferry:test-disk";
    public static final String SERIAL = "FERRYLOOP0001";
    public static final String MODEL = "Ferry loopback test disk";
    public static final String HOST_NQN = "nqn.2014-08.org.nvmexpress:uuid:8a2e3c1f-0d5b-4e7a-9c61-2f3b4d5e6f70";

    public final Target target;
    public final Subsystem subsystem;
    public final BlockDevice device;
    public final FerryRuntime runtime;
    public final TcpAcceptor acceptor;
    public final InetSocketAddress address;

    public LoopbackTarget(BlockDevice device, int pollGroups) throws Exception {
        this.device = device;
        this.target = Target.create();
        this.subsystem = target.addSubsystem(NQN, SERIAL, MODEL);
        subsystem.addNamespace(device);
        subsystem.allowAnyHost(true);
        subsystem.allowAnyListener(true);
        this.runtime = FerryRuntime.builder().pollGroups(pollGroups).threadNamePrefix("nvmf-test").build();
        try {
            this.acceptor = TcpAcceptor.create(target, runtime.pollGroups(), List.of(new InetSocketAddress("127.0.0.1", 0)));
            if (!runtime.pollGroups().getFirst().offer(acceptor)) {
                throw new IllegalStateException("the first poll group's inbox is full");
            }
            this.address = acceptor.listening().get(30, TimeUnit.SECONDS).getFirst();
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    /** The trtype/traddr/trsvcid/subnqn line SPDK's tools take. */
    public String transportId(String subsystemNqn) {
        return "trtype:TCP adrfam:IPv4 traddr:127.0.0.1 trsvcid:" + address.getPort() + " subnqn:" + subsystemNqn;
    }

    /** An admin queue on a new connection, connected and enabled; its CNTLID is {@link HostConnection.Completion#cdw0()} of Connect. */
    public Controller admin(SocketHosts hosts, boolean headerDigest, boolean dataDigest) {
        HostConnection admin = hosts.connect(address, 32, headerDigest, dataDigest);
        if (!admin.initialize()) {
            throw new AssertionError("ICReq not answered: " + admin.closedWith());
        }
        HostConnection.Completion connect = admin.connect(0, 32, 10_000, 0xFFFF, NQN, HOST_NQN);
        if (connect == null || connect.status() != 0) {
            throw new AssertionError("admin connect failed: " + connect);
        }
        HostConnection.Completion enable = admin.propertySet(Property.CC, 0x00460001);
        if (enable == null || enable.status() != 0) {
            throw new AssertionError("CC.EN failed: " + enable);
        }
        return new Controller(admin, connect.cdw0() & 0xFFFF);
    }

    /** An I/O queue of {@code controller} on a new connection. */
    public HostConnection io(SocketHosts hosts, Controller controller, int qid, int depth, boolean headerDigest,
                             boolean dataDigest) {
        HostConnection io = hosts.connect(address, depth, headerDigest, dataDigest);
        if (!io.initialize()) {
            throw new AssertionError("ICReq not answered: " + io.closedWith());
        }
        io.queue().inCapsuleLimit(4096);
        HostConnection.Completion connect = io.connect(qid, depth, 10_000, controller.cntlid(), NQN, HOST_NQN);
        if (connect == null || connect.status() != 0) {
            throw new AssertionError("I/O connect of queue " + qid + " failed: " + connect);
        }
        return io;
    }

    /** Flush of namespace 1 through {@code io}. */
    public static int flush(HostConnection io) {
        return io.execute((sqe, cid) -> HostCommands.flush(sqe, cid, 1)).status();
    }

    /** An enabled controller: its admin queue and CNTLID. */
    public record Controller(HostConnection admin, int cntlid) {
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            device.close();
        }
    }
}
