package io.ferry.nvmf.target;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.Pdus;
import io.ferry.nvmf.support.Splits;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the PDU parser and command dispatch of a target queue pair. The first input byte picks
 * how far the connection got (nothing, ICReq with or without digests, a connected and enabled
 * admin queue, an I/O queue); the rest is the byte stream a hostile host sends. Whatever the bytes,
 * nothing escapes as an exception, the connection either lives or ended with a C2HTermReq, and a
 * healthy connection on the same poll group keeps serving.
 *
 * <p>The committed seed corpus ({@code PduFuzzTestInputs}) runs as a regression test in every
 * build; with {@code JAZZER_FUZZ=1} (set for this module's tests, see its pom) Jazzer fuzzes for
 * the bounded time below.
 */
class PduFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void shouldSurviveAnyBytesFromHost(byte[] input) {
        if (input.length == 0) {
            return;
        }
        try (Harness harness = new Harness()) {
            HostConnection healthy = harness.admin(Splits.WHOLE, false, false);
            MalformedPduTest.Raw raw = new MalformedPduTest.Raw(harness, Splits.values()[(input[0] & 0xFF) % 3]);
            int stage = (input[0] & 0xFF) / 3 % 5;
            prepare(raw, harness, stage);
            raw.send(Arrays.copyOfRange(input, 1, input.length));
            harness.pump();

            byte[] reply = raw.reply();
            if (raw.queue.isClosed() && reply.length > 0 && harness.group.protocolErrors() > 0) {
                int termReq = lastPduStart(reply);
                assertThat(reply[termReq]).as("the last PDU is a C2HTermReq").isEqualTo((byte) 0x03);
            }
            assertThat(healthy.keepAlive().status()).isZero();
        }
    }

    private static void prepare(MalformedPduTest.Raw raw, Harness harness, int stage) {
        switch (stage) {
            case 1 -> raw.prepare(MalformedPduTest.Before.IC_REQ);
            case 2 -> raw.prepare(MalformedPduTest.Before.IC_REQ_WITH_DIGESTS);
            case 3 -> {
                raw.prepare(MalformedPduTest.Before.CONNECT);
                raw.send(Pdus.of(72).header(0x04, 0, 72, 0, 72).u8(8, 0x7F).u8(9, 0x40).u8(12, 0x00)
                        .u8(32 + 15, 0x5A).u32(8 + 44, 0x14).u32(8 + 48, 1).bytes());
                raw.reply();
            }
            case 4 -> {
                raw.prepare(MalformedPduTest.Before.IC_REQ);
                byte[] connect = Pdus.connect(Harness.NQN, Harness.HOST_NQN);
                connect[8 + 42] = 1;
                connect[72 + 16] = (byte) harness.cntlid;
                connect[72 + 17] = (byte) (harness.cntlid >> 8);
                raw.send(connect);
                raw.reply();
            }
            default -> {
            }
        }
    }

    /** Where the last whole PDU in {@code bytes} starts, walking PLENs from the first. */
    private static int lastPduStart(byte[] bytes) {
        int at = 0;
        int last = 0;
        while (at + 8 <= bytes.length) {
            last = at;
            int plen = (bytes[at + 4] & 0xFF) | (bytes[at + 5] & 0xFF) << 8 | (bytes[at + 6] & 0xFF) << 16 | (bytes[at + 7] & 0xFF) << 24;
            if (plen <= 0) {
                break;
            }
            at += plen;
        }
        return last;
    }
}
