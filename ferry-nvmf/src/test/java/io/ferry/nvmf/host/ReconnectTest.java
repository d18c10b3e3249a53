package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.support.CuttingProxy;
import io.ferry.nvmf.support.LoopbackTarget;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.ferry.nvmf.host.HostTests.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our host against our target through a {@link CuttingProxy} that resets every connection in the
 * middle of a transfer: the host reconnects and the transfer completes with every byte, or, when the
 * target stays away past NVME_RECONNECT_TIMEOUT, the descriptors not done fail naming the namespace;
 * through one that freezes (a stopped target), Keep Alive finds it out.
 */
@Timeout(120)
class ReconnectTest {
    private static final int MIB = 1 << 20;
    private static final long DEVICE_BYTES = 64L * MIB;


    private static String address(int port) {
        return "nvme+tcp://127.0.0.1:" + port + "/" + LoopbackTarget.NQN + "/1";
    }

    /** 1 MiB descriptors over {@code memory}, the last one shifted by 7 bytes so that its edges are read-modify-written. */
    private static List<Descriptor> descriptors(MemorySegment memory, NvmeNamespace ns, long base) {
        List<Descriptor> descriptors = new ArrayList<>();
        int count = (int) (memory.byteSize() / MIB);
        for (int i = 0; i < count - 1; i++) {
            descriptors.add(Descriptor.of(memory, (long) i * MIB, MIB, ns, base + (long) i * MIB));
        }
        long last = (long) (count - 1) * MIB;
        descriptors.add(Descriptor.of(memory, last, MIB - 7, ns, base + last + 7));
        return descriptors;
    }

    private static TransferStatus run(Agent agent, TransferOp op, List<Descriptor> descriptors) {
        try (Transfer transfer = agent.prepare(op, descriptors)) {
            transfer.post();
            return transfer.await(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldFinishAWriteAndAReadWhoseConnectionsWereCut() throws Exception {
        try (LoopbackTarget target = new LoopbackTarget(new MemoryDevice(DEVICE_BYTES / 512, 512), 1);
             CuttingProxy proxy = CuttingProxy.start(target.address);
             DrivenGroup group = new DrivenGroup(); Agent agent = group.agent(); Arena arena = Arena.ofShared()) {
            NvmeNamespace ns = agent.attach(NvmeBackend.factory()).open(address(proxy.port()));
            long base = 3 * MIB;
            MemorySegment written = random(arena, 32 * MIB, 11);
            List<Descriptor> writes = descriptors(written, ns, base);

            proxy.cutAfter(8L * MIB, 0);
            run(agent, TransferOp.WRITE, writes).throwIfFailed();
            assertThat(proxy.cuts()).isEqualTo(1);
            MemorySegment device = ((MemoryDevice) target.device).memory();
            for (Descriptor d : writes) {
                assertThat(device.asSlice(d.targetOffset(), d.length()).mismatch(d.memory()))
                        .as("bytes of the write at %d", d.targetOffset()).isEqualTo(-1);
            }

            // The target comes back late: the first three reconnections are closed at once.
            MemorySegment read = arena.allocate(written.byteSize(), 4096);
            proxy.cutAfter(8L * MIB, 3);
            run(agent, TransferOp.READ, descriptors(read, ns, base)).throwIfFailed();
            assertThat(proxy.cuts()).isEqualTo(2);
            assertThat(proxy.refusals()).isEqualTo(3);
            long covered = written.byteSize() - 7;
            assertThat(read.asSlice(0, covered).mismatch(written.asSlice(0, covered))).isEqualTo(-1);
            ns.close();
        }
    }

    @Test
    void shouldFailNamingTheNamespaceWhenTheTargetStaysAwayAndKeepWorking() throws Exception {
        Settings settings = Settings.builder().set(NvmeHostSettings.NVME_RECONNECT_TIMEOUT, 1_000_000_000L).build();
        try (LoopbackTarget target = new LoopbackTarget(new MemoryDevice(DEVICE_BYTES / 512, 512), 1);
             CuttingProxy proxy = CuttingProxy.start(target.address);
             DrivenGroup group = new DrivenGroup(); Agent agent = group.agent(settings); Arena arena = Arena.ofShared()) {
            MemorySegment device = ((MemoryDevice) target.device).memory();
            MemorySegment.copy(random(arena, (int) DEVICE_BYTES, 5), 0, device, 0, DEVICE_BYTES);
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            NvmeNamespace ns = backend.open(address(proxy.port()));

            proxy.vanishAfter(4L * MIB);
            MemorySegment read = arena.allocate(32L * MIB, 4096);
            List<Descriptor> reads = descriptors(read, ns, 0);
            TransferStatus status = run(agent, TransferOp.READ, reads);
            assertThat(status.state()).isEqualTo(TransferState.FAILED);
            assertThat(status.failures()).isNotEmpty();
            Set<Integer> failed = new HashSet<>();
            for (DescriptorFailure failure : status.failures()) {
                failed.add(failure.index());
                assertThat(failure.cause().getMessage()).contains(ns.address().toString())
                        .contains("not restored within 1000 ms");
            }
            for (int i = 0; i < reads.size(); i++) {
                Descriptor d = reads.get(i);
                if (!failed.contains(i)) {
                    assertThat(d.memory().mismatch(device.asSlice(d.targetOffset(), d.length())))
                            .as("descriptor %d, reported done", i).isEqualTo(-1);
                }
            }
            // The namespace stays failed; the agent and its backend work on.
            assertThat(run(agent, TransferOp.READ, reads.subList(0, 1)).state()).isEqualTo(TransferState.FAILED);
            ns.close();
            InetSocketAddress direct = target.address;
            try (NvmeNamespace again = backend.open(address(direct.getPort()))) {
                MemorySegment bytes = arena.allocate(MIB, 4096);
                run(agent, TransferOp.READ, List.of(Descriptor.of(bytes, again, 5L * MIB))).throwIfFailed();
                assertThat(bytes.mismatch(device.asSlice(5L * MIB, MIB))).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldFailTheTransferWhenTheTargetStopsAnswering() throws Exception {
        Settings settings = Settings.builder().set(NvmeHostSettings.NVME_RECONNECT_TIMEOUT, 1_000_000_000L).build();
        try (LoopbackTarget target = new LoopbackTarget(new MemoryDevice(DEVICE_BYTES / 512, 512), 1);
             CuttingProxy proxy = CuttingProxy.start(target.address);
             DrivenGroup group = new DrivenGroup(); Agent agent = group.agent(settings); Arena arena = Arena.ofShared()) {
            NvmeNamespace ns = agent.attach(NvmeBackend.factory()).open(address(proxy.port()));
            MemorySegment memory = arena.allocate(4L * MIB, 4096);
            proxy.freeze();
            // Keep Alive goes out every 5 s; the second one due without an answer ends the controller.
            TransferStatus status = run(agent, TransferOp.READ, List.of(Descriptor.of(memory, 0, 2 * MIB, ns, 0),
                    Descriptor.of(memory, 2L * MIB, 2 * MIB, ns, 8L * MIB)));

            assertThat(status.state()).isEqualTo(TransferState.FAILED);
            assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(0, 1);
            assertThat(status.failures().getFirst().cause().getMessage()).contains(ns.address().toString())
                    .contains("no answer to Keep Alive");
            ns.close();
        }
    }
}
