package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.TransferOp;
import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.support.CuttingProxy;
import io.ferry.nvmf.support.LoopbackTarget;
import io.ferry.nvmf.target.TargetGroup;
import io.ferry.runtime.FerryRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.ferry.nvmf.host.HostTests.random;
import static io.ferry.nvmf.host.HostTests.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent on a runtime of three poll groups against our target: each group has its own I/O queue
 * to the namespace (the target serves an admin queue and three I/O queues), each queue carries a
 * share of the commands, every byte is checked, and a reconnect brings all three queues back.
 */
@Timeout(120)
class PollGroupQueuesTest {
    private static final int MIB = 1 << 20;
    private static final int GROUPS = 3;



    private static int connections(LoopbackTarget target) {
        return target.acceptor.targetGroups().stream().mapToInt(TargetGroup::connections).sum();
    }

    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            Thread.onSpinWait();
        }
    }

    /**
     * Descriptors of 4 KiB and of 1 MiB + 3 bytes (whose last command writes a partial block),
     * alternating, back to back in memory; each starts at the next 4 KiB of the namespace, so that no
     * two share a block.
     */
    private static List<Descriptor> mixed(MemorySegment memory, NvmeNamespace ns) {
        List<Descriptor> descriptors = new ArrayList<>();
        long at = 0;
        long target = 0;
        for (int i = 0; at + MIB + 3 <= memory.byteSize(); i++) {
            long length = i % 2 == 0 ? 4096 : MIB + 3;
            descriptors.add(Descriptor.of(memory.asSlice(at, length), ns, target));
            at += length;
            target = (target + length + 4095) / 4096 * 4096;
        }
        return descriptors;
    }

    @Test
    void shouldGiveEachPollGroupItsOwnIoQueue() throws Exception {
        try (LoopbackTarget target = new LoopbackTarget(new MemoryDevice(64L * MIB / 512, 512), 2);
             CuttingProxy proxy = CuttingProxy.start(target.address);
             FerryRuntime runtime = FerryRuntime.builder().pollGroups(GROUPS).threadNamePrefix("nvme-host-test").build();
             Agent agent = runtime.newAgent(); Arena arena = Arena.ofShared()) {
            NvmeNamespace ns = agent.attach(NvmeBackend.factory())
                    .open("nvme+tcp://127.0.0.1:" + proxy.port() + "/" + LoopbackTarget.NQN + "/1");
            assertThat(connections(target)).isEqualTo(1 + GROUPS);
            long ioBefore = target.acceptor.targetGroups().stream().mapToLong(TargetGroup::ioCommands).sum();

            MemorySegment written = random(arena, 24 * MIB, 3);
            List<Descriptor> writes = mixed(written, ns);
            run(agent, TransferOp.WRITE, writes);
            MemorySegment device = ((MemoryDevice) target.device).memory();
            for (Descriptor d : writes) {
                assertThat(device.asSlice(d.targetOffset(), d.length()).mismatch(d.memory())).isEqualTo(-1);
            }
            // Single-command transfers rotate over the queues.
            for (int i = 0; i < 2 * GROUPS; i++) {
                MemorySegment one = arena.allocate(4096, 4096);
                run(agent, TransferOp.READ, List.of(Descriptor.of(one, ns, i * 4096L)));
                assertThat(one.mismatch(device.asSlice(i * 4096L, 4096))).isEqualTo(-1);
            }
            assertThat(target.acceptor.targetGroups().stream().mapToLong(TargetGroup::ioCommands).sum()).isGreaterThan(ioBefore);

            // A cut drops all four connections; all come back, and the read completes.
            MemorySegment read = arena.allocate(written.byteSize(), 4096);
            proxy.cutAfter(6L * MIB, 0);
            run(agent, TransferOp.READ, mixed(read, ns));
            assertThat(proxy.cuts()).isEqualTo(1);
            long covered = writes.stream().mapToLong(Descriptor::length).sum();
            assertThat(read.asSlice(0, covered).mismatch(written.asSlice(0, covered))).isEqualTo(-1);
            awaitCondition(() -> connections(target) == 1 + GROUPS, "the target to drop the old connections");
            ns.close();
        }
    }
}
