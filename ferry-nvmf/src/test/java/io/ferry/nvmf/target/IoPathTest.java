package io.ferry.nvmf.target;

import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.HostConnection.Completion;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads and writes through a target queue pair: in-capsule and R2T writes, C2HData reads, every split, digests on and off. */
class IoPathTest {
    private static final int BS = Harness.BLOCK_SIZE;

    static Object[][] links() {
        return InitSequenceTest.links().map(a -> a.get()).toArray(Object[][]::new);
    }

    private static DataBuffer random(HostConnection host, int bytes, long seed) {
        DataBuffer data = host.buffer(bytes);
        byte[] content = new byte[bytes];
        new Random(seed).nextBytes(content);
        MemorySegment.copy(MemorySegment.ofArray(content), 0, data.memory(), 0, bytes);
        return data;
    }

    private static MemorySegment disk(Harness harness, long lba, long bytes) {
        return ((MemoryDevice) harness.device).memory().asSlice(lba * BS, bytes);
    }

    @ParameterizedTest(name = "{0}, header digest {1}, data digest {2}")
    @MethodSource("links")
    void shouldStoreAndReturnBytesWhenWritingInCapsuleAndByR2t(Splits splits, boolean headerDigest, boolean dataDigest) {
        try (Harness harness = new Harness()) {
            harness.admin(splits, headerDigest, dataDigest);
            HostConnection io = harness.io(splits, headerDigest, dataDigest, 32);
            io.queue().h2cChunkLimit(32 * 1024);

            DataBuffer small = random(io, 4096, 1);
            assertThat(io.write(1, 10, 8, small, 4096).status()).isZero();
            assertThat(disk(harness, 10, 4096).mismatch(small.memory())).isEqualTo(-1);

            DataBuffer large = random(io, 128 * 1024, 2);
            assertThat(io.write(1, 100, 256, large, 128 * 1024).status()).isZero();
            assertThat(disk(harness, 100, 128 * 1024).mismatch(large.memory())).isEqualTo(-1);

            DataBuffer back = io.buffer(128 * 1024);
            assertThat(io.read(1, 100, 256, back, 128 * 1024).status()).isZero();
            assertThat(back.memory().mismatch(large.memory())).isEqualTo(-1);
            DataBuffer smallBack = io.buffer(4096);
            assertThat(io.read(1, 10, 8, smallBack, 4096).status()).isZero();
            assertThat(smallBack.memory().mismatch(small.memory())).isEqualTo(-1);
            assertThat(harness.queues.get(1).count(RequestState.FREE)).isEqualTo(32);
        }
    }

    @ParameterizedTest(name = "{0}, header digest {1}, data digest {2}")
    @MethodSource("links")
    void shouldCompleteEveryCommandWhenManyAreOutstanding(Splits splits, boolean headerDigest, boolean dataDigest) {
        try (Harness harness = new Harness()) {
            harness.admin(splits, headerDigest, dataDigest);
            HostConnection io = harness.io(splits, headerDigest, dataDigest, 64);
            List<DataBuffer> written = new ArrayList<>();
            List<Integer> cids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int lba = i * 16;
                DataBuffer data = random(io, 8192, 100 + i);
                written.add(data);
                cids.add(io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, true, 1, lba, 16), data, 8192, true));
            }
            for (int cid : cids) {
                assertThat(io.await(cid).status()).isZero();
            }
            List<DataBuffer> read = new ArrayList<>();
            cids.clear();
            for (int i = 0; i < 40; i++) {
                int lba = i * 16;
                DataBuffer data = io.buffer(8192);
                read.add(data);
                cids.add(io.submit((sqe, cid) -> HostCommands.readWrite(sqe, cid, false, 1, lba, 16), data, 8192, false));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(io.await(cids.get(i)).status()).isZero();
                assertThat(read.get(i).memory().mismatch(written.get(i).memory())).as("command %d", i).isEqualTo(-1);
                assertThat(disk(harness, i * 16, 8192).mismatch(written.get(i).memory())).isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldZeroBlocksWhenWritingZeroesAndDeallocating() {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.RANDOM, false, false);
            HostConnection io = harness.io(Splits.RANDOM, false, false, 32);
            DataBuffer data = random(io, 64 * BS, 3);
            assertThat(io.write(1, 0, 64, data, 64 * BS).status()).isZero();

            assertThat(io.execute((sqe, cid) -> HostCommands.writeZeroes(sqe, cid, 1, 8, 8)).status()).isZero();
            DataBuffer ranges = io.buffer(32);
            HostCommands.range(ranges.view(), 0, 20, 4);
            HostCommands.range(ranges.view(), 1, 40, 8);
            assertThat(io.execute((sqe, cid) -> HostCommands.datasetManagement(sqe, cid, 1, 2, true), ranges, 32, true)
                    .status()).isZero();
            assertThat(io.execute((sqe, cid) -> HostCommands.flush(sqe, cid, 1)).status()).isZero();

            byte[] expected = data.memory().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            java.util.Arrays.fill(expected, 8 * BS, 16 * BS, (byte) 0);
            java.util.Arrays.fill(expected, 20 * BS, 24 * BS, (byte) 0);
            java.util.Arrays.fill(expected, 40 * BS, 48 * BS, (byte) 0);
            assertThat(disk(harness, 0, 64 * BS).mismatch(MemorySegment.ofArray(expected))).isEqualTo(-1);
        }
    }

    @Test
    void shouldRefuseOutOfRangeAndMalformedCommandsWithoutTouchingTheDevice() {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 32);
            DataBuffer data = random(io, 4096, 4);
            byte[] before = disk(harness, 0, (long) Harness.BLOCKS * BS).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);

            assertThat(io.write(1, Harness.BLOCKS - 4, 8, data, 4096).status()).isEqualTo(Status.LBA_OUT_OF_RANGE);
            assertThat(io.write(1, -1L, 8, data, 4096).status()).isEqualTo(Status.LBA_OUT_OF_RANGE);
            assertThat(io.read(1, Harness.BLOCKS, 1, data, 512).status()).isEqualTo(Status.LBA_OUT_OF_RANGE);
            assertThat(io.write(1, 0, 16, data, 4096).status()).as("8 KiB in a 4 KiB SGL").isEqualTo(Status.DATA_SGL_LENGTH_INVALID);
            assertThat(io.write(2, 0, 8, data, 4096).status()).isEqualTo(Status.INVALID_NAMESPACE);
            assertThat(io.execute((sqe, cid) -> HostCommands.writeZeroes(sqe, cid, 1, Harness.BLOCKS - 1, 2)).status())
                    .isEqualTo(Status.LBA_OUT_OF_RANGE);
            DataBuffer ranges = io.buffer(32);
            HostCommands.range(ranges.view(), 0, 0, 4);
            HostCommands.range(ranges.view(), 1, Harness.BLOCKS - 2, 4);
            assertThat(io.execute((sqe, cid) -> HostCommands.datasetManagement(sqe, cid, 1, 2, true), ranges, 32, true)
                    .status()).as("second range out of range: nothing deallocated").isEqualTo(Status.LBA_OUT_OF_RANGE);
            assertThat(io.execute((sqe, cid) -> io.queue().sqe(cid).put(0, (byte) 0x7E)).status()).isEqualTo(Status.INVALID_OPCODE);

            assertThat(disk(harness, 0, (long) Harness.BLOCKS * BS).mismatch(MemorySegment.ofArray(before))).isEqualTo(-1);
            assertThat(io.isClosed()).isFalse();
        }
    }

    @Test
    void shouldFailOnlyTheCommandWhenItsDataDigestIsWrong() {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.RANDOM, true, true);
            HostConnection io = harness.io(Splits.RANDOM, true, true, 32);
            DataBuffer data = random(io, 4096, 5);
            int cid = io.submit((sqe, c) -> HostCommands.readWrite(sqe, c, true, 1, 0, 8), data, 4096, true);
            data.memory().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 100, (byte) ~data.memory().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 100));
            Completion completion = io.await(cid);
            assertThat(completion.status()).isEqualTo(Status.TRANSIENT_TRANSPORT_ERROR);
            assertThat(disk(harness, 0, 4096).mismatch(MemorySegment.ofArray(new byte[4096]))).isEqualTo(-1);

            DataBuffer again = random(io, 64 * 1024, 6);
            int r2t = io.submit((sqe, c) -> HostCommands.readWrite(sqe, c, true, 1, 0, 128), again, 64 * 1024, true);
            harness.pump();
            assertThat(io.await(r2t).status()).isZero();
            assertThat(disk(harness, 0, 64 * 1024).mismatch(again.memory())).isEqualTo(-1);
        }
    }
}
