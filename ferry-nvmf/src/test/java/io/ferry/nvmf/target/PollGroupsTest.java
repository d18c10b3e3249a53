package io.ferry.nvmf.target;

import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One controller whose queues live on different poll groups: I/O queues join the admin queue's
 * controller across groups, each group has its own channel to the namespace's device (many queues
 * per namespace), and the controller's end reaches queues on other groups at their next poll.
 */
class PollGroupsTest {
    @Test
    void shouldServeOneNamespaceFromQueuesOnSeveralGroups() {
        try (Harness harness = new Harness()) {
            TargetGroup second = harness.newGroup();
            TargetGroup third = harness.newGroup();
            harness.admin(Splits.RANDOM, false, false);
            HostConnection[] queues = new HostConnection[3];
            TargetGroup[] on = {harness.group, second, third};
            for (int qid = 1; qid <= 3; qid++) {
                HostConnection io = harness.connection(on[qid - 1], Splits.RANDOM, 16, false, false);
                io.initialize();
                io.queue().inCapsuleLimit(4096);
                assertThat(io.connect(qid, 16, 10000, harness.cntlid, Harness.NQN, Harness.HOST_NQN).status()).isZero();
                queues[qid - 1] = io;
            }
            for (int i = 0; i < 3; i++) {
                byte[] content = new byte[16384];
                new Random(i).nextBytes(content);
                DataBuffer data = queues[i].buffer(content.length);
                MemorySegment.copy(MemorySegment.ofArray(content), 0, data.memory(), 0, content.length);
                assertThat(queues[i].write(1, i * 32L, 32, data, content.length).status()).isZero();
                DataBuffer back = queues[(i + 1) % 3].buffer(content.length);
                assertThat(queues[(i + 1) % 3].read(1, i * 32L, 32, back, content.length).status())
                        .as("written through one group, read through another").isZero();
                assertThat(back.memory().mismatch(data.memory())).isEqualTo(-1);
                assertThat(((MemoryDevice) harness.device).memory().asSlice(i * 32L * 512, content.length)
                        .mismatch(data.memory())).isEqualTo(-1);
            }
            assertThat(harness.subsystem.controllerCount()).isEqualTo(1);

            harness.advanceMillis(10001);
            harness.pump();
            for (HostConnection io : queues) {
                assertThat(io.isClosed()).as("I/O queues on every group go with the controller").isTrue();
            }
            assertThat(second.connections() + third.connections()).isZero();
        }
    }
}
