package io.ferry.nvmf.target;

import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.LoopbackTarget;
import io.ferry.nvmf.support.SocketHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target's poll thread allocates nothing per command on real sockets once warm: reads,
 * in-capsule writes and R2T writes, counted with the thread's allocation counter.
 */
@Timeout(180)
class SocketAllocationTest {
    private static final int DEPTH = 32;
    /** Enough rounds for the JIT to compile the path (FFM's captured errno state is only free once compiled). */
    private static final int WARM_UP_ROUNDS = 2000;
    private static final int ROUNDS = 1000;
    private static final int WINDOWS = 10;

    @Test
    void shouldNotAllocatePerCommandOnTheTargetsPollThread() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (LoopbackTarget server = new LoopbackTarget(new MemoryDevice(65536, 512), 1);
             SocketHosts hosts = new SocketHosts()) {
            LoopbackTarget.Controller controller = server.admin(hosts, true, true);
            HostConnection io = server.io(hosts, controller, 1, DEPTH, true, true);
            DataBuffer[] small = new DataBuffer[DEPTH];
            DataBuffer[] large = new DataBuffer[DEPTH];
            for (int i = 0; i < DEPTH; i++) {
                small[i] = io.buffer(4096);
                large[i] = io.buffer(32 * 1024);
            }
            long pollThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("nvmf-test-0")).findFirst().orElseThrow().threadId();

            run(io, small, large, WARM_UP_ROUNDS);
            // On a loaded machine the JIT may still be compiling: the path is warm once one window allocates (almost) nothing.
            long least = Long.MAX_VALUE;
            int commands = 0;
            for (int window = 0; window < WINDOWS && least >= commands * 8L; window++) {
                long before = threads.getThreadAllocatedBytes(pollThread);
                commands = run(io, small, large, ROUNDS);
                least = Math.min(least, threads.getThreadAllocatedBytes(pollThread) - before);
            }
            assertThat(least).as("bytes the poll thread allocated for %d commands (least of the windows)", commands)
                    .isLessThan(commands * 8L);
        }
    }

    /** Rounds of DEPTH commands at once, in turn 4 KiB reads, 4 KiB in-capsule writes, 32 KiB R2T writes. */
    private static int run(HostConnection io, DataBuffer[] small, DataBuffer[] large, int rounds) {
        int[] cids = new int[DEPTH];
        for (int round = 0; round < rounds; round++) {
            int kind = round % 3;
            for (int i = 0; i < DEPTH; i++) {
                long lba = (long) i * 64;
                DataBuffer data = kind == 2 ? large[i] : small[i];
                int blocks = kind == 2 ? 64 : 8;
                cids[i] = io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, kind != 0, 1, lba, blocks), data,
                        (int) data.memory().byteSize(), kind != 0);
            }
            for (int cid : cids) {
                HostConnection.Completion done = io.await(cid);
                if (done == null || done.status() != 0) {
                    throw new AssertionError("command " + cid + " of round " + round + ": " + done);
                }
            }
        }
        return rounds * DEPTH;
    }
}
