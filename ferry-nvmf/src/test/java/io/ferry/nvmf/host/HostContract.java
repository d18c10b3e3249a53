package io.ferry.nvmf.host;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ferry.nvmf.host.HostTests.random;
import static io.ferry.nvmf.host.HostTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our host against a target serving a 64 MiB memory namespace of 512-byte blocks (nsid 1): SPDK's
 * nvmf_tgt ({@link SpdkHostTest}) and ours ({@link LoopbackHostTest}), so that the host is tested where
 * SPDK's prebuilt tools cannot run too. Every byte checked.
 */
@Timeout(120)
abstract class HostContract {
    static final int MIB = 1 << 20;
    static final int NAMESPACE_MIB = 64;

    /**
     * The target a subclass runs: its port on 127.0.0.1, its subsystem's NQN, and the model and
     * serial number its controller reports.
     */
    record Served(int port, String nqn, String model, String serial) {
    }

    /** The running target; called while the tests run. */
    abstract Served served();

    private String namespaceAddress() {
        return "nvme+tcp://127.0.0.1:" + served().port() + "/" + served().nqn() + "/1";
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVOKER", "POLL_GROUPS"})
    void shouldWriteAndReadBackAcrossMdtsAndQueueDepth(String mode) throws Exception {
        try (DrivenGroup group = new DrivenGroup(); Arena arena = Arena.ofShared()) {
            Agent agent = mode.equals("INVOKER") ? Agent.create() : group.agent();
            try (agent) {
                NvmeBackend backend = agent.attach(NvmeBackend.factory());
                try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                    assertThat(ns.size()).isEqualTo(NAMESPACE_MIB * (long) MIB);
                    assertThat(ns.blockSize()).isEqualTo(512);
                    assertThat(ns.controllerInfo().model()).isEqualTo(served().model());
                    int length = 3 * MIB + 4096;
                    MemorySegment written = random(arena, length, mode.hashCode());
                    run(agent, TransferOp.WRITE, List.of(Descriptor.of(written, ns, 8 * MIB)));
                    MemorySegment read = arena.allocate(length, 4096);
                    run(agent, TransferOp.READ, List.of(Descriptor.of(read, ns, 8 * MIB)));
                    assertThat(read.mismatch(written)).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void shouldReadModifyWriteUnalignedEdgesAndKeepNeighbours() {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                long base = 20L * MIB;
                int span = 320 * 1024;
                MemorySegment model = random(arena, span, 7);
                run(agent, TransferOp.WRITE, List.of(Descriptor.of(model, ns, base)));
                // Unaligned pieces: inside one block, across blocks, across an MDTS boundary, from heap memory.
                int[][] pieces = {{3, 100}, {1000, 5000}, {7001, 200_001}, {511, 2}};
                List<Descriptor> writes = new ArrayList<>();
                for (int[] piece : pieces) {
                    MemorySegment bytes = MemorySegment.ofArray(new byte[piece[1]]);
                    bytes.fill((byte) (piece[0] & 0x7F | 0x80));
                    writes.add(Descriptor.of(bytes, ns, base + piece[0]));
                    MemorySegment.copy(bytes, 0, model, piece[0], piece[1]);
                }
                for (Descriptor write : writes) {
                    run(agent, TransferOp.WRITE, List.of(write));
                }
                MemorySegment read = arena.allocate(span);
                run(agent, TransferOp.READ, List.of(Descriptor.of(read, ns, base)));
                assertThat(read.mismatch(model)).isEqualTo(-1);
                MemorySegment unaligned = MemorySegment.ofArray(new byte[777]);
                run(agent, TransferOp.READ, List.of(Descriptor.of(unaligned, ns, base + 1001)));
                assertThat(unaligned.mismatch(model.asSlice(1001, 777))).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldRefuseTwoWritesOfOnePartialBlockButTakeNeighbours() {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                long base = 24L * MIB;
                MemorySegment bytes = random(arena, 4096, 23);
                assertThatThrownBy(() -> agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(bytes, 0, 100, ns, base),
                        Descriptor.of(bytes, 100, 512, ns, base + 100))))
                        .isInstanceOf(FerryException.class)
                        .hasMessageContaining("descriptors 0 and 1 both write block " + base / 512);
                assertThatThrownBy(() -> agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(bytes, 0, 2048, ns, base),
                        Descriptor.of(bytes, 0, 10, ns, base + 4096 + 7), Descriptor.of(bytes, 0, 10, ns, base + 1024 + 3))))
                        .hasMessageContaining("descriptors 0 and 2 both write block " + (base + 1024) / 512);
                // Adjacent but in different blocks, and reads of shared blocks: fine.
                run(agent, TransferOp.WRITE, List.of(Descriptor.of(bytes, 0, 512, ns, base),
                        Descriptor.of(bytes, 512, 700, ns, base + 512)));
                MemorySegment read = arena.allocate(1212);
                run(agent, TransferOp.READ, List.of(Descriptor.of(read, 0, 600, ns, base),
                        Descriptor.of(read, 600, 612, ns, base + 600)));
                assertThat(read.mismatch(bytes.asSlice(0, 1212))).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldMixAFileAndTheNamespaceInOneTransfer(@TempDir Path dir) {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            FileBackend files = agent.attach(FileBackend.factory());
            try (NvmeNamespace ns = backend.open(namespaceAddress());
                 FileTarget file = files.open(dir.resolve("mixed.bin"), OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE)) {
                MemorySegment bytes = random(arena, 70_000, 29);
                run(agent, TransferOp.WRITE, List.of(Descriptor.of(bytes, ns, 48L * MIB + 3), Descriptor.of(bytes, file, 0)));
                MemorySegment fromNamespace = arena.allocate(70_000);
                MemorySegment fromFile = arena.allocate(70_000);
                run(agent, TransferOp.READ, List.of(Descriptor.of(fromFile, file, 0), Descriptor.of(fromNamespace, ns, 48L * MIB + 3)));
                assertThat(fromNamespace.mismatch(bytes)).isEqualTo(-1);
                assertThat(fromFile.mismatch(bytes)).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldMoveManyDescriptorsInOneTransfer() {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                int count = 300;
                int size = 6000;
                MemorySegment written = random(arena, count * size, 11);
                MemorySegment read = arena.allocate((long) count * size);
                List<Descriptor> writes = new ArrayList<>();
                List<Descriptor> reads = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    long offset = 30L * MIB + (long) i * 8192 + i;
                    writes.add(Descriptor.of(written, (long) i * size, size, ns, offset));
                    reads.add(Descriptor.of(read, (long) (count - 1 - i) * size, size, ns, offset));
                }
                run(agent, TransferOp.WRITE, writes);
                run(agent, TransferOp.READ, reads.reversed());
                for (int i = 0; i < count; i++) {
                    assertThat(read.asSlice((long) (count - 1 - i) * size, size).mismatch(written.asSlice((long) i * size, size)))
                            .as("descriptor %d", i).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void shouldFailOnlyTheDescriptorThatReadsPastTheEnd() {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                MemorySegment written = random(arena, 8192, 13);
                run(agent, TransferOp.WRITE, List.of(Descriptor.of(written, ns, 40L * MIB)));
                MemorySegment first = arena.allocate(4096);
                MemorySegment past = arena.allocate(4096);
                MemorySegment third = arena.allocate(4096);
                past.fill((byte) 0x5A);
                try (Transfer transfer = agent.prepare(TransferOp.READ, List.of(Descriptor.of(first, ns, 40L * MIB),
                        Descriptor.of(past, ns, ns.size() - 100), Descriptor.of(third, ns, 40L * MIB + 4096)))) {
                    transfer.post();
                    TransferStatus status = transfer.await(Duration.ofSeconds(60));
                    assertThat(status.state()).isEqualTo(TransferState.FAILED);
                    assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(1);
                    assertThat(status.failures().getFirst().cause().errorCode()).isEqualTo(ErrorCode.OUT_OF_RANGE);
                    assertThat(status.failures().getFirst().cause().getMessage()).contains("reach past the end");
                }
                assertThat(first.mismatch(written.asSlice(0, 4096))).isEqualTo(-1);
                assertThat(third.mismatch(written.asSlice(4096, 4096))).isEqualTo(-1);
                assertThat(past.elements(ValueLayout.JAVA_BYTE).allMatch(b -> b.get(ValueLayout.JAVA_BYTE, 0) == 0x5A)).isTrue();
            }
        }
    }

    @Test
    void shouldFailTheDescriptorWhoseMemoryTheHostThreadCannotTouch() throws Exception {
        try (DrivenGroup group = new DrivenGroup(); Agent agent = group.agent(); Arena confined = Arena.ofConfined();
             Arena shared = Arena.ofShared()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                MemorySegment fine = random(shared, 4096, 19);
                try (Transfer transfer = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(fine, ns, 44L * MIB),
                        Descriptor.of(confined.allocate(4096), ns, 44L * MIB + 4096)))) {
                    transfer.post();
                    TransferStatus status = transfer.await(Duration.ofSeconds(60));
                    assertThat(status.failures()).extracting(DescriptorFailure::index).containsExactly(1);
                }
                MemorySegment read = shared.allocate(4096);
                run(agent, TransferOp.READ, List.of(Descriptor.of(read, ns, 44L * MIB)));
                assertThat(read.mismatch(fine)).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldNameTheStepWhenTheNamespaceDoesNotExist() {
        try (Agent agent = Agent.create()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            String address = namespaceAddress().replaceFirst("/1$", "/7");
            assertThatThrownBy(() -> backend.open(address)).isInstanceOf(FerryException.class)
                    .hasMessageContaining("namespace 7");
            String wrongNqn = namespaceAddress().replace(served().nqn(), "nqn.2016-06.io.spdk:nothere");
            assertThatThrownBy(() -> backend.open(wrongNqn)).isInstanceOf(FerryException.class)
                    .hasMessageContaining("Connect (admin queue) failed: connect: invalid parameters (SCT 1 SC 0x82)");
            String closedPort = "nvme+tcp://127.0.0.1:1/" + served().nqn() + "/1";
            assertThatThrownBy(() -> backend.open(closedPort)).isInstanceOf(FerryException.class)
                    .hasMessageContaining(closedPort + ": TCP connect failed: ").hasMessageContaining("ECONNREFUSED");
        }
    }

    @Test
    void shouldIdentifyAndDiscover() {
        try (Agent agent = Agent.create()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory());
            NvmeIdentity identity = backend.identify(namespaceAddress());
            assertThat(identity.controller().serial()).isEqualTo(served().serial());
            assertThat(identity.controller().maxTransferBytes()).isEqualTo(131072);
            assertThat(identity.namespace().bytes()).isEqualTo(NAMESPACE_MIB * (long) MIB);
            List<DiscoveryEntry> entries = backend.discover(NvmeAddress.parseHostPort("127.0.0.1:" + served().port()));
            assertThat(entries).extracting(DiscoveryEntry::subsystemNqn).contains(served().nqn());
            assertThat(entries).filteredOn(e -> e.subsystemNqn().equals(served().nqn()))
                    .extracting(DiscoveryEntry::service).containsOnly(Integer.toString(served().port()));
        }
    }

    @Test
    void shouldMoveBytesWithDigests() {
        try (Agent agent = Agent.create(); Arena arena = Arena.ofConfined()) {
            NvmeBackend backend = agent.attach(NvmeBackend.factory().digests(true, true));
            try (NvmeNamespace ns = backend.open(namespaceAddress())) {
                MemorySegment written = random(arena, MIB + 512, 17);
                run(agent, TransferOp.WRITE, List.of(Descriptor.of(written, ns, 50L * MIB)));
                MemorySegment read = arena.allocate(MIB + 512);
                run(agent, TransferOp.READ, List.of(Descriptor.of(read, ns, 50L * MIB)));
                assertThat(read.mismatch(written)).isEqualTo(-1);
            }
        }
    }
}
