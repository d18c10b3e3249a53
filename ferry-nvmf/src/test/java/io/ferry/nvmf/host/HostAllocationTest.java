package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.support.LoopbackTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's steady state allocates nothing per command: a prepared transfer of many 4 KiB
 * descriptors, reposted, costs a bounded number of bytes per post however many commands it sends
 * (INVOKER mode: every byte allocated is on this thread, host and transfer bookkeeping included).
 */
@Timeout(120)
class HostAllocationTest {
    /** 124 more commands per post: a byte or two each at most (noise of the JIT), not an object each. */
    private static final long BOUND = 124 * 8;
    private static final int MAX_ROUNDS = 40;
    private static LoopbackTarget target;

    /** Our target in this JVM: it runs on threads of its own, and only this thread's allocation is counted. */
    @BeforeAll
    static void startTarget() throws Exception {
        target = new LoopbackTarget(new MemoryDevice(16 << 11, 512), 1);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    private static long bytesPerPost(Agent agent, Transfer transfer, int posts) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < posts; i++) {
            transfer.post();
            transfer.await(Duration.ofSeconds(30)).throwIfFailed();
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / posts;
    }

    @Test
    void shouldAllocateNothingPerCommandOnceWarm() {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeNamespace ns = agent.attach(NvmeBackend.factory()).open("nvme+tcp://127.0.0.1:" + target.address.getPort() + "/" + LoopbackTarget.NQN + "/1");
            MemorySegment memory = arena.allocate(1 << 20, 4096);
            for (TransferOp op : TransferOp.values()) {
                List<Descriptor> small = new ArrayList<>();
                List<Descriptor> large = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    small.add(Descriptor.of(memory, i * 4096L, 4096, ns, i * 4096L));
                }
                for (int i = 0; i < 128; i++) {
                    large.add(Descriptor.of(memory, i * 4096L, 4096, ns, i * 4096L));
                }
                try (Transfer few = agent.prepare(op, small); Transfer many = agent.prepare(op, large)) {
                    // Until the JIT compiled the path (later on a loaded machine), code it would scalar-replace
                    // still allocates: measure again until it did. An object per command never gets below the bound.
                    long extra = Long.MAX_VALUE;
                    for (int round = 0; round < MAX_ROUNDS && extra >= BOUND; round++) {
                        long fewBytes = bytesPerPost(agent, few, 500);
                        long manyBytes = bytesPerPost(agent, many, 50);
                        System.out.printf("%s: %d bytes per post of 4 commands, %d per post of 128%n", op, fewBytes, manyBytes);
                        extra = Math.min(extra, manyBytes - fewBytes);
                    }
                    assertThat(extra).as(op + ": bytes for 124 more commands").isLessThan(BOUND);
                }
            }
        }
    }
}
