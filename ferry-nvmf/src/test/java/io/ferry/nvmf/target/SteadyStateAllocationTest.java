package io.ferry.nvmf.target;

import io.ferry.nvmf.support.Pdus;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target's steady-state I/O path allocates nothing: reads (C2HData), in-capsule writes and
 * R2T writes on a connected I/O queue, measured with the thread's allocation counter after a
 * warm-up, through a transport that itself allocates nothing.
 */
class SteadyStateAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerIoOnceWarm() {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.WHOLE, false, false);
            DirectDriver driver = new DirectDriver();
            QueuePair queue = harness.group.accept(driver, Harness.LISTENER);
            driver.attach(queue);
            byte[] bytes = new byte[72 + 8192 + 1024];
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            MemorySegment memory = MemorySegment.ofArray(bytes);

            put(bytes, Pdus.icReq(false, false));
            driver.deliver(in, memory, 128);
            byte[] connect = Pdus.connect(Harness.NQN, Harness.HOST_NQN);
            connect[8 + 42] = 1;
            connect[72 + 16] = (byte) harness.cntlid;
            connect[72 + 17] = (byte) (harness.cntlid >> 8);
            put(bytes, connect);
            driver.deliver(in, memory, connect.length);
            assertThat(driver.lastHeader().getShort(8 + 14)).as("Connect status").isZero();
            driver.confirmSends();
            assertThat(queue.qid()).isEqualTo(1);

            byte[] read = command(0x02, 0x5A, 4096, 72);
            byte[] writeInCapsule = command(0x01, 0x01, 4096, 72 + 4096);
            byte[] writeByR2t = command(0x01, 0x5A, 8192, 72);
            byte[] h2cData = Pdus.of(24 + 8192).header(0x06, 0x04, 24, 24, 24 + 8192).u16(8, 1).u32(16, 8192).bytes();

            run(harness, driver, in, memory, bytes, read, writeInCapsule, writeByR2t, h2cData, WARM_UP);
            long before = threads.getCurrentThreadAllocatedBytes();
            run(harness, driver, in, memory, bytes, read, writeInCapsule, writeByR2t, h2cData, MEASURED);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(driver.isClosed()).isFalse();
            assertThat(queue.count(RequestState.FREE)).as("every request back in the free list").isEqualTo(32);
            assertThat(allocated).as("bytes allocated by %d rounds of read, in-capsule write and R2T write", MEASURED)
                    .isLessThan(MEASURED);
        }
    }

    private static void run(Harness harness, DirectDriver driver, ByteBuffer in, MemorySegment memory, byte[] bytes,
                            byte[] read, byte[] writeInCapsule, byte[] writeByR2t, byte[] h2cData, int rounds) {
        for (int i = 0; i < rounds; i++) {
            exchange(harness, driver, in, memory, bytes, read);
            exchange(harness, driver, in, memory, bytes, writeInCapsule);
            exchange(harness, driver, in, memory, bytes, writeByR2t);
            int ttag = driver.lastHeader().getShort(10);
            System.arraycopy(h2cData, 0, bytes, 0, h2cData.length);
            in.putShort(10, (short) ttag);
            driver.deliver(in, memory, h2cData.length);
            driver.confirmSends();
            complete(harness, driver);
        }
    }

    private static void exchange(Harness harness, DirectDriver driver, ByteBuffer in, MemorySegment memory, byte[] bytes,
                                 byte[] pdu) {
        System.arraycopy(pdu, 0, bytes, 0, pdu.length);
        driver.deliver(in, memory, pdu.length);
        complete(harness, driver);
    }

    /** Polls the group (device completions) and confirms sends until nothing moves. */
    private static void complete(Harness harness, DirectDriver driver) {
        while (harness.group.poll(harness.nowNs) + driver.confirmSends() > 0) {
            Thread.onSpinWait();
        }
    }

    /** An I/O command on namespace 1, CID 1, LBA 0, 8 blocks of 512 bytes. */
    private static byte[] command(int opcode, int sglType, int sglLength, int plen) {
        return Pdus.of(plen).header(0x04, 0, 72, plen > 72 ? 72 : 0, plen).u8(8, opcode).u8(9, 0x40).u16(10, 1)
                .u32(12, 1).u32(32 + 8, sglLength).u8(32 + 15, sglType).u32(8 + 48, sglLength / 512 - 1).bytes();
    }

    private static void put(byte[] bytes, byte[] pdu) {
        System.arraycopy(pdu, 0, bytes, 0, pdu.length);
    }
}
