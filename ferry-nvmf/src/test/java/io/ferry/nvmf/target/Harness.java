package io.ferry.nvmf.target;

import io.ferry.nvmf.device.BlockDevice;
import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.MemoryLink;
import io.ferry.nvmf.support.Splits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A target with one subsystem over a memory namespace and one poll group, and hosts joined to it
 * by in-memory links; {@link #pump()} runs links and group until nothing moves. Time is a number
 * the test advances.
 */
final class Harness implements AutoCloseable {
    static final String NQN = "nqn.2026-01.io.ferry:disk1";
    static final String HOST_NQN = "nqn.2014-08.org.nvmexpress:uuid:8a2e3c1f-0d5b-4e7a-9c61-2f3b4d5e6f70";
    static final ListenAddress LISTENER = new ListenAddress("127.0.0.1", 4420);
    static final int BLOCKS = 2048;
    static final int BLOCK_SIZE = 512;

    final Target target;
    final Subsystem subsystem;
    final BlockDevice device;
    final TargetGroup group;
    final List<TargetGroup> groups = new ArrayList<>();
    final List<MemoryLink> links = new ArrayList<>();
    final List<QueuePair> queues = new ArrayList<>();
    long nowNs = TimeUnit.SECONDS.toNanos(100);

    Harness() {
        this(TargetOptions.defaults(), new MemoryDevice(BLOCKS, BLOCK_SIZE));
    }

    Harness(TargetOptions options, BlockDevice device) {
        this.target = Target.create(options);
        this.subsystem = target.addSubsystem(NQN, "FERRY0001", "Ferry test disk");
        this.device = device;
        subsystem.addNamespace(device);
        subsystem.allowHost(HOST_NQN);
        subsystem.allowListener(LISTENER);
        target.addListener(LISTENER);
        this.group = target.newGroup();
        groups.add(group);
    }

    /** Another poll group of the same target, pumped with the first. */
    TargetGroup newGroup() {
        TargetGroup another = target.newGroup();
        groups.add(another);
        return another;
    }

    /** A new connection through {@link #LISTENER}, not yet initialized. */
    HostConnection connection(Splits splits, int depth, boolean headerDigest, boolean dataDigest) {
        return connection(group, splits, depth, headerDigest, dataDigest);
    }

    /** A new connection served by {@code on}. */
    HostConnection connection(TargetGroup on, Splits splits, int depth, boolean headerDigest, boolean dataDigest) {
        MemoryLink link = new MemoryLink(splits);
        links.add(link);
        QueuePair queue = on.accept(link.a(), LISTENER);
        queues.add(queue);
        link.a().attach(queue);
        return new HostConnection(link.b(), this::pump, depth, headerDigest, dataDigest);
    }

    /** An admin queue connected and enabled (CC.EN) on a new connection; returns it and its CNTLID through the queue. */
    HostConnection admin(Splits splits, boolean headerDigest, boolean dataDigest) {
        HostConnection admin = connection(splits, 32, headerDigest, dataDigest);
        admin.initialize();
        cntlid = admin.connect(0, 32, 10000, 0xFFFF, NQN, HOST_NQN).cdw0();
        admin.propertySet(io.ferry.nvmf.internal.nvme.Property.CC, 0x00460001);
        return admin;
    }

    /** An I/O queue of the controller of the last {@link #admin}, on a new connection. */
    HostConnection io(Splits splits, boolean headerDigest, boolean dataDigest, int depth) {
        HostConnection io = connection(splits, depth, headerDigest, dataDigest);
        io.initialize();
        io.queue().inCapsuleLimit(4096);
        HostConnection.Completion connect = io.connect(1, depth, 10000, cntlid, NQN, HOST_NQN);
        if (connect == null || connect.status() != 0) {
            throw new AssertionError("I/O connect failed: " + connect);
        }
        return io;
    }

    int cntlid;

    /** Moves everything until nothing moves. */
    void pump() {
        boolean moved;
        do {
            moved = false;
            for (MemoryLink link : links) {
                moved |= link.pump();
            }
            for (TargetGroup each : groups) {
                moved |= each.poll(nowNs) > 0;
            }
        } while (moved);
    }

    void advanceMillis(long ms) {
        nowNs += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Override
    public void close() {
        for (TargetGroup each : groups) {
            each.close();
        }
        device.close();
    }
}
