package io.ferry.nvmf.target;

import io.ferry.file.FileEngines;
import io.ferry.nvmf.device.FileDevice;
import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.internal.pdu.PduType;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.LoopbackTarget;
import io.ferry.nvmf.support.SocketHosts;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Our target on real loopback sockets, served by runtime poll groups, driven by our host's protocol code. */
@Timeout(90)
class TcpTargetTest {
    private static final int BS = 512;
    private static final int BLOCKS = 8192;

    @TempDir
    Path dir;

    private static DataBuffer random(HostConnection host, int bytes, long seed) {
        DataBuffer data = host.buffer(bytes);
        byte[] content = new byte[bytes];
        new Random(seed).nextBytes(content);
        MemorySegment.copy(MemorySegment.ofArray(content), 0, data.memory(), 0, bytes);
        return data;
    }

    private static MemorySegment disk(LoopbackTarget server, long lba, long bytes) {
        return ((MemoryDevice) server.device).memory().asSlice(lba * BS, bytes);
    }

    @ParameterizedTest(name = "header digest {0}, data digest {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void shouldStoreAndReturnBytesWhenWritingInCapsuleAndByR2t(boolean headerDigest, boolean dataDigest) throws Exception {
        try (LoopbackTarget server = new LoopbackTarget(new MemoryDevice(BLOCKS, BS), 2);
             SocketHosts hosts = new SocketHosts()) {
            LoopbackTarget.Controller controller = server.admin(hosts, headerDigest, dataDigest);
            HostConnection io = server.io(hosts, controller, 1, 32, headerDigest, dataDigest);
            io.queue().h2cChunkLimit(32 * 1024);

            DataBuffer small = random(io, 4096, 1);
            assertThat(io.write(1, 10, 8, small, 4096).status()).isZero();
            DataBuffer large = random(io, 128 * 1024, 2);
            assertThat(io.write(1, 100, 256, large, 128 * 1024).status()).isZero();
            assertThat(disk(server, 10, 4096).mismatch(small.memory())).isEqualTo(-1);
            assertThat(disk(server, 100, 128 * 1024).mismatch(large.memory())).isEqualTo(-1);
            assertThat(disk(server, 18, 82 * BS).mismatch(MemorySegment.ofArray(new byte[82 * BS])))
                    .as("nothing between the two writes was touched").isEqualTo(-1);

            DataBuffer back = io.buffer(128 * 1024);
            assertThat(io.read(1, 100, 256, back, 128 * 1024).status()).isZero();
            assertThat(back.memory().mismatch(large.memory())).isEqualTo(-1);
            DataBuffer smallBack = io.buffer(4096);
            assertThat(io.read(1, 10, 8, smallBack, 4096).status()).isZero();
            assertThat(smallBack.memory().mismatch(small.memory())).isEqualTo(-1);
        }
    }

    @Test
    void shouldSpreadConnectionsOverThePollGroupsAndServeEachWithManyCommandsOutstanding() throws Exception {
        try (LoopbackTarget server = new LoopbackTarget(new MemoryDevice(BLOCKS, BS), 2);
             SocketHosts hosts = new SocketHosts()) {
            LoopbackTarget.Controller controller = server.admin(hosts, false, false);
            List<HostConnection> queues = new ArrayList<>();
            for (int qid = 1; qid <= 3; qid++) {
                queues.add(server.io(hosts, controller, qid, 64, qid == 2, qid == 3));
            }
            assertThat(server.acceptor.targetGroups()).extracting(TargetGroup::connections).containsExactly(2, 2);

            List<DataBuffer> written = new ArrayList<>();
            List<int[]> cids = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                HostConnection io = queues.get(i % 3);
                int lba = i * 64;
                DataBuffer data = random(io, 32 * 1024, 100 + i);
                written.add(data);
                cids.add(new int[] {i % 3, io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, true, 1, lba, 64), data,
                        32 * 1024, true)});
            }
            for (int[] cid : cids) {
                assertThat(queues.get(cid[0]).await(cid[1]).status()).isZero();
            }
            for (int i = 0; i < 48; i++) {
                assertThat(disk(server, i * 64L, 32 * 1024).mismatch(written.get(i).memory())).as("write %d", i).isEqualTo(-1);
                DataBuffer back = queues.get((i + 1) % 3).buffer(32 * 1024);
                assertThat(queues.get((i + 1) % 3).read(1, i * 64L, 64, back, 32 * 1024).status()).isZero();
                assertThat(back.memory().mismatch(written.get(i).memory())).as("read %d", i).isEqualTo(-1);
            }
            assertThat(server.acceptor.targetGroups()).allSatisfy(group -> assertThat(group.ioCommands()).isPositive());
            long bytes = server.acceptor.targetGroups().stream().mapToLong(TargetGroup::ioBytes).sum();
            assertThat(bytes).isEqualTo(2L * 48 * 32 * 1024);
        }
    }

    @Test
    void shouldEndOnlyTheConnectionThatSentAMalformedPdu() throws Exception {
        try (LoopbackTarget server = new LoopbackTarget(new MemoryDevice(BLOCKS, BS), 1);
             SocketHosts hosts = new SocketHosts()) {
            LoopbackTarget.Controller controller = server.admin(hosts, false, false);
            HostConnection io = server.io(hosts, controller, 1, 8, false, false);
            byte[] answer;
            try (Socket bad = new Socket(server.address.getAddress(), server.address.getPort())) {
                bad.setSoTimeout(30_000);
                byte[] garbage = new byte[128];
                garbage[0] = 0x7F;
                garbage[2] = (byte) 128;
                garbage[4] = (byte) 128;
                bad.getOutputStream().write(garbage);
                InputStream in = bad.getInputStream();
                answer = in.readAllBytes();
            }
            assertThat(answer).isNotEmpty();
            assertThat(answer[0]).as("PDU type of the answer").isEqualTo((byte) PduType.C2H_TERM_REQ);

            DataBuffer data = random(io, 4096, 9);
            assertThat(io.write(1, 0, 8, data, 4096).status()).isZero();
            DataBuffer back = io.buffer(4096);
            assertThat(io.read(1, 0, 8, back, 4096).status()).isZero();
            assertThat(back.memory().mismatch(data.memory())).isEqualTo(-1);
            assertThat(controller.admin().keepAlive().status()).isZero();
            assertThat(server.acceptor.targetGroups().getFirst().protocolErrors()).isEqualTo(1);
        }
    }

    @Test
    void shouldLeaveNoCommandHalfDoneWhenDrained() throws Exception {
        try (LoopbackTarget server = new LoopbackTarget(new MemoryDevice(BLOCKS, BS), 1);
             SocketHosts hosts = new SocketHosts()) {
            LoopbackTarget.Controller controller = server.admin(hosts, false, false);
            HostConnection io = server.io(hosts, controller, 1, 64, false, false);
            List<DataBuffer> written = new ArrayList<>();
            List<Integer> cids = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int lba = i * 64;
                DataBuffer data = random(io, 32 * 1024, 300 + i);
                written.add(data);
                cids.add(io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, true, 1, lba, 64), data, 32 * 1024, true));
                if (i == 15) {
                    assertThat(io.await(cids.getFirst()).status()).isZero();
                    TargetGroup group = server.acceptor.targetGroups().getFirst();
                    assertThat(server.runtime.pollGroups().getFirst().execute(group::drain)).isTrue();
                }
            }
            MemorySegment zeros = MemorySegment.ofArray(new byte[32 * 1024]);
            for (int i = 1; i < 48; i++) {
                // Answered: done or aborted before it started. Unanswered: it reached a connection already idle and closed.
                HostConnection.Completion done = io.await(cids.get(i));
                MemorySegment onDisk = disk(server, i * 64L, 32 * 1024);
                if (done != null && done.status() == 0) {
                    assertThat(onDisk.mismatch(written.get(i).memory())).as("write %d succeeded", i).isEqualTo(-1);
                } else {
                    if (done != null) {
                        assertThat(done.status() & 0x7FF).as("status of write %d", i).isEqualTo(Status.ABORTED_SQ_DELETION);
                    }
                    assertThat(onDisk.mismatch(zeros)).as("write %d, not done, left its blocks alone", i).isEqualTo(-1);
                }
            }
            while (!io.isClosed() || !controller.admin().isClosed()) {
                hosts.pump(); // until the target closed both connections; bounded by the test's timeout
            }
            while (server.acceptor.targetGroups().getFirst().connections() > 0) {
                hosts.pump(); // the target's thread lets go of them right after; bounded by the test's timeout
            }
        }
    }

    @Test
    void shouldEndAControllerWhoseHostStopsSendingKeepAlives() throws Exception {
        try (LoopbackTarget server = new LoopbackTarget(new MemoryDevice(BLOCKS, BS), 1);
             SocketHosts hosts = new SocketHosts()) {
            HostConnection admin = hosts.connect(server.address, 32, false, false);
            assertThat(admin.initialize()).isTrue();
            assertThat(admin.connect(0, 32, 300, 0xFFFF, LoopbackTarget.NQN, LoopbackTarget.HOST_NQN).status()).isZero();
            assertThat(admin.propertySet(io.ferry.nvmf.internal.nvme.Property.CC, 0x00460001).status()).isZero();
            assertThat(admin.keepAlive().status()).isZero();
            while (!admin.isClosed() || server.subsystem.controllerCount() > 0) {
                hosts.pump(); // until the target's clock passes the 300 ms deadline and it lets go; bounded by the test's timeout
            }
        }
    }

    @Test
    void shouldPutWhatTheHostWroteIntoTheBackingFile() throws Exception {
        Path file = dir.resolve("disk.img");
        Files.write(file, new byte[BLOCKS * BS]);
        FileDevice device = FileDevice.open(file, BS, false, FileEngines.builtins().find("psync"), Settings.defaults());
        try (LoopbackTarget server = new LoopbackTarget(device, 2);
             SocketHosts hosts = new SocketHosts()) {
            LoopbackTarget.Controller controller = server.admin(hosts, true, true);
            HostConnection io = server.io(hosts, controller, 1, 32, true, true);
            DataBuffer data = random(io, 128 * 1024, 5);
            assertThat(io.write(1, 2048, 256, data, 128 * 1024).status()).isZero();
            assertThat(LoopbackTarget.flush(io)).isZero();
            byte[] onDisk = Files.readAllBytes(file);
            byte[] expected = new byte[BLOCKS * BS];
            MemorySegment.copy(data.memory(), ValueLayout.JAVA_BYTE, 0, expected, 2048 * BS, 128 * 1024);
            assertThat(Arrays.mismatch(onDisk, expected)).as("first differing byte of the file").isEqualTo(-1);
        }
    }
}
