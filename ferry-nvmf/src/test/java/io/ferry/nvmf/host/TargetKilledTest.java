package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.testkit.SpdkTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPDK's target dies in the middle of a transfer: the transfer fails, naming descriptors, and nothing hangs. */
@Timeout(120)
class TargetKilledTest {
    private SpdkTarget target;

    @AfterEach
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void shouldFailTheTransferNamingDescriptorsWhenTheTargetDies() throws Exception {
        target = SpdkTarget.start(256);
        try (DrivenGroup group = new DrivenGroup(); Agent agent = group.agent(); Arena arena = Arena.ofShared()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            NvmeNamespace ns = backend.open(target.namespaceAddress());
            int count = 256;
            int size = 1 << 20;
            MemorySegment memory = arena.allocate((long) count * size, 4096);
            List<Descriptor> descriptors = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                descriptors.add(Descriptor.of(memory, (long) i * size, size, ns, (long) i * size));
            }
            try (Transfer transfer = agent.prepare(TransferOp.READ, descriptors)) {
                transfer.post();
                // Commands go out in the same duty cycle that starts the post: once in progress, some are in flight.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (transfer.state() == TransferState.POSTED && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
                assertThat(transfer.state()).isEqualTo(TransferState.IN_PROGRESS);
                target.kill();
                TransferStatus status = transfer.await(Duration.ofSeconds(60));
                assertThat(status.state()).isEqualTo(TransferState.FAILED);
                assertThat(status.failures()).isNotEmpty();
                assertThat(status.failures()).extracting(DescriptorFailure::index).allMatch(i -> i >= 0 && i < count);
                assertThat(status.failures().getFirst().cause().getMessage()).contains(ns.address().toString());
            }
            // Later posts fail at once with the same cause instead of waiting for a dead controller.
            try (Transfer again = agent.prepare(TransferOp.READ, descriptors.subList(0, 1))) {
                again.post();
                assertThat(again.await(Duration.ofSeconds(60)).state()).isEqualTo(TransferState.FAILED);
            }
            ns.close();
        }
    }

    @Test
    void shouldFailTheTransferWhenTheTargetStopsAnswering() throws Exception {
        target = SpdkTarget.start(64);
        try (DrivenGroup group = new DrivenGroup(); Agent agent = group.agent(); Arena arena = Arena.ofShared()) {
            NvmeNamespace ns = agent.attach(NvmeBackend.factory()).open(target.namespaceAddress());
            MemorySegment memory = arena.allocate(4 << 20, 4096);
            target.freeze();
            try (Transfer transfer = agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, 0, 2 << 20, ns, 0),
                    Descriptor.of(memory, 2 << 20, 2 << 20, ns, 8 << 20)))) {
                transfer.post();
                // Keep Alive goes out every 5 s; the second one due without an answer ends the controller.
                TransferStatus status = transfer.await(Duration.ofSeconds(60));
                assertThat(status.state()).isEqualTo(TransferState.FAILED);
                assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(0, 1);
                assertThat(status.failures().getFirst().cause().getMessage()).contains("no answer to Keep Alive");
            }
            ns.close();
        }
    }
}
