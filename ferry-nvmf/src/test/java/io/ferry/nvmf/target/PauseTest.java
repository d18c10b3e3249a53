package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** Pausing a subsystem holds new commands in READY_TO_EXECUTE, visible in the per-state counts, until resumed. */
class PauseTest {
    @Test
    void shouldHoldCommandsWhilePausedAndRunThemInOrderWhenResumed() {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 16);
            DataBuffer first = io.buffer(4096);
            MemorySegment.copy(MemorySegment.ofArray(new byte[4096]).fill((byte) 1), 0, first.memory(), 0, 4096);
            DataBuffer second = io.buffer(4096);
            MemorySegment.copy(MemorySegment.ofArray(new byte[4096]).fill((byte) 2), 0, second.memory(), 0, 4096);

            harness.subsystem.pause();
            int a = io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, true, 1, 0, 8), first, 4096, true);
            int b = io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, true, 1, 0, 8), second, 4096, true);
            assertThat(io.isPending(a)).isTrue();
            QueuePair queue = harness.queues.get(1);
            assertThat(queue.count(RequestState.READY_TO_EXECUTE)).as("the stuck requests, explained").isEqualTo(2);

            harness.subsystem.resume();
            assertThat(io.await(a).status()).isZero();
            assertThat(io.await(b).status()).isZero();
            DataBuffer back = io.buffer(4096);
            assertThat(io.read(1, 0, 8, back, 4096).status()).isZero();
            assertThat(back.memory().mismatch(second.memory())).as("the later write landed last").isEqualTo(-1);
            assertThat(queue.count(RequestState.FREE)).isEqualTo(16);
        }
    }
}
