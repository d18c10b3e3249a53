package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.MemoryLink;
import io.ferry.nvmf.support.Pdus;
import io.ferry.nvmf.support.RecordingHandler;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input of every kind ends that connection alone: the target answers with a C2HTermReq
 * naming the fault (FES, FEI, the offending header quoted) and closes, while another connection of
 * the same poll group goes on reading and writing.
 */
class MalformedPduTest {
    /** How far the raw connection gets before the bad bytes: nothing, ICReq, or ICReq and Connect. */
    enum Before { NOTHING, IC_REQ, IC_REQ_WITH_DIGESTS, CONNECT }

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "unknown PDU type", Before.NOTHING, Pdus.of(24).header(0x08, 0, 24, 0, 24).bytes(), 1, 0);
        add(cases, "a controller's PDU type from a host", Before.IC_REQ, Pdus.of(24).header(0x05, 0, 24, 0, 24).bytes(), 1, 0);
        add(cases, "capsule before ICReq", Before.NOTHING, capsule(0, 72, 0x5A, 0).bytes(), 2, 0);
        add(cases, "second ICReq", Before.IC_REQ, Pdus.icReq(false, false), 2, 0);
        add(cases, "ICReq HLEN", Before.NOTHING, Pdus.of(128).header(0, 0, 127, 0, 128).bytes(), 1, 2);
        add(cases, "ICReq PLEN", Before.NOTHING, Pdus.of(128).header(0, 0, 128, 0, 200).bytes(), 1, 4);
        add(cases, "ICReq PFV", Before.NOTHING, Pdus.of(128).header(0, 0, 128, 0, 128).u16(8, 1).bytes(), 1, 8);
        add(cases, "ICReq HPDA", Before.NOTHING, Pdus.of(128).header(0, 0, 128, 0, 128).u8(10, 32).bytes(), 1, 10);
        add(cases, "header digest", Before.IC_REQ_WITH_DIGESTS,
                Pdus.of(76).header(0x04, 0x01, 72, 0, 76).u8(8, 0x18).u32(72, 0xDEADBEEFL).bytes(), 3, 0xDEADBEEF);
        add(cases, "header digest flag missing", Before.IC_REQ_WITH_DIGESTS, capsule(0, 72, 0x5A, 0).bytes(), 1, 1);
        add(cases, "PDO inside the header", Before.IC_REQ, capsule(40, 80, 0x01, 8).bytes(), 1, 3);
        add(cases, "in-capsule length differs from the SGL", Before.IC_REQ, capsule(72, 80, 0x01, 16).bytes(), 1, 4);
        add(cases, "in-capsule data beyond 8 KiB", Before.CONNECT, capsule(72, 72 + 8196, 0x01, 8196).bytes(), 5, 4);
        add(cases, "in-capsule offset not zero", Before.IC_REQ, capsule(72, 80, 0x01, 8).u64(32, 4).bytes(), 6, 32);
        add(cases, "transfer beyond MDTS", Before.CONNECT, capsule(0, 72, 0x5A, 256 * 1024).bytes(), 5, 40);
        add(cases, "PLEN beyond any limit", Before.IC_REQ, capsule(72, 0xFFFF_FFF0L, 0x01, 16).bytes(), 5, 4);
        add(cases, "data on a PDU type without data", Before.IC_REQ, Pdus.of(24).header(0x06, 0, 24, 0, 20).bytes(), 1, 4);
        add(cases, "H2CData with an unknown tag", Before.CONNECT,
                Pdus.of(24).header(0x06, 0x04, 24, 24, 28).u16(10, 99).u32(16, 4).bytes(), 1, 10);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String name, Before before, byte[] bytes, int fes, int fei) {
        for (Splits splits : Splits.values()) {
            cases.add(Arguments.of(name, splits, before, bytes, fes, fei));
        }
    }

    /** A CapsuleCmd header (Keep Alive opcode, CID 7) with the given PDO, PLEN and SGL. */
    private static Pdus capsule(int pdo, long plen, int sglType, long sglLength) {
        return Pdus.of(72).header(0x04, 0, 72, pdo, plen).u8(8, 0x18).u8(9, 0x40).u16(10, 7)
                .u32(32 + 8, sglLength).u8(32 + 15, sglType);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("faults")
    void shouldEndOnlyThatConnectionWithTermReqWhenInputIsMalformed(String name, Splits splits, Before before,
                                                                     byte[] bad, int fes, int fei) {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.WHOLE, false, false);
            HostConnection healthy = harness.io(Splits.WHOLE, false, false, 16);
            Raw raw = new Raw(harness, splits);
            raw.prepare(before);

            raw.send(bad);
            byte[] reply = raw.reply();
            assertTermReq(reply, fes, fei, bad);
            assertThat(raw.peer.isClosed()).isTrue();
            assertThat(raw.queue.isClosed()).isTrue();

            assertHealthy(healthy);
            assertThat(harness.group.connections()).isEqualTo(2);
            assertThat(harness.group.protocolErrors()).isEqualTo(1);
        }
    }

    @Test
    void shouldCloseWithoutReplyWhenHostSendsTermReq() {
        try (Harness harness = new Harness()) {
            Raw raw = new Raw(harness, Splits.ONE_BYTE);
            raw.prepare(Before.IC_REQ);
            raw.send(Pdus.of(24).header(0x02, 0, 24, 0, 24).u16(8, 1).bytes());
            assertThat(raw.reply()).isEmpty();
            assertThat(raw.peer.isClosed()).isTrue();
            assertThat(harness.group.connections()).isZero();
        }
    }

    @Test
    void shouldEndConnectionWhenH2cDataIsOutOfOrderOrNamesAnotherCommand() {
        for (int[] field : new int[][] {{12, 512, 4}, {8, 99, 1}}) {
            try (Harness harness = new Harness()) {
                Raw raw = new Raw(harness, Splits.RANDOM);
                raw.prepare(Before.CONNECT);
                raw.send(capsule(0, 72, 0x5A, 8192).u8(8, 0x01).bytes());
                byte[] r2t = raw.reply();
                assertThat(r2t).hasSize(24);
                assertThat(r2t[0]).as("R2T").isEqualTo((byte) 0x09);
                ByteBuffer b = ByteBuffer.wrap(r2t).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(b.getShort(8)).as("CCCID").isEqualTo((short) 7);
                assertThat(b.getShort(10)).as("TTAG").isNotZero();
                assertThat(b.getInt(12)).as("R2TO").isZero();
                assertThat(b.getInt(16)).as("R2TL").isEqualTo(8192);
                byte[] h2c = Pdus.of(24 + 512).header(0x06, 0, 24, 24, 24 + 512).u16(8, 7).u16(10, b.getShort(10))
                        .u32(12, 0).u32(16, 512).u16(field[0], field[1]).bytes();
                raw.send(h2c);
                assertTermReq(raw.reply(), field[2], field[0], h2c);
            }
        }
    }

    @Test
    void shouldEndConnectionWhenHostSendsMoreCommandsThanItsQueueHolds() {
        try (Harness harness = new Harness()) {
            harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.connection(Splits.WHOLE, 8, false, false);
            io.initialize();
            assertThat(io.connect(1, 2, 10000, harness.cntlid, Harness.NQN, Harness.HOST_NQN).status()).isZero();
            harness.subsystem.pause();
            for (int i = 0; i < 3; i++) {
                io.submit((sqe, cid) -> HostCommands.flush(sqe, cid, 1), null, 0, false);
            }
            harness.pump();
            assertThat(io.isClosed()).isTrue();
            assertThat(io.closedWith()).hasMessageContaining("PDU sequence error");
        }
    }

    static void assertTermReq(byte[] reply, int fes, int fei, byte[] offending) {
        assertThat(reply.length).as("C2HTermReq").isGreaterThanOrEqualTo(24 + 8);
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.get(0)).as("type C2HTermReq").isEqualTo((byte) 0x03);
        assertThat(b.get(2)).as("HLEN").isEqualTo((byte) 24);
        assertThat(b.getInt(4)).as("PLEN").isEqualTo(reply.length);
        assertThat(b.getShort(8)).as("FES").isEqualTo((short) fes);
        assertThat(b.getInt(10)).as("FEI").isEqualTo(fei);
        byte[] quoted = Arrays.copyOfRange(reply, 24, reply.length);
        assertThat(quoted.length).isLessThanOrEqualTo(128);
        assertThat(quoted).as("the offending header, quoted").isEqualTo(Arrays.copyOf(offending, quoted.length));
    }

    static void assertHealthy(HostConnection io) {
        DataBuffer data = io.buffer(8192);
        MemorySegment.copy(MemorySegment.ofArray(new byte[8192]).fill((byte) 0x5C), 0, data.memory(), 0, 8192);
        assertThat(io.write(1, 0, 16, data, 8192).status()).isZero();
        DataBuffer back = io.buffer(8192);
        assertThat(io.read(1, 0, 16, back, 8192).status()).isZero();
        assertThat(back.memory().mismatch(data.memory())).isEqualTo(-1);
    }

    /** A connection whose host side sends raw bytes and records what comes back. */
    static final class Raw {
        final Harness harness;
        final MemoryLink link;
        final QueuePair queue;
        final RecordingHandler peer = new RecordingHandler();
        int seen;

        Raw(Harness harness, Splits splits) {
            this.harness = harness;
            this.link = new MemoryLink(splits);
            harness.links.add(link);
            queue = harness.group.accept(link.a(), Harness.LISTENER);
            link.a().attach(queue);
            link.b().attach(peer);
        }

        void prepare(Before before) {
            if (before == Before.NOTHING) {
                return;
            }
            send(Pdus.icReq(before == Before.IC_REQ_WITH_DIGESTS, before == Before.IC_REQ_WITH_DIGESTS));
            assertThat(reply()).as("ICResp").hasSize(128);
            if (before == Before.CONNECT) {
                send(Pdus.connect(Harness.NQN, Harness.HOST_NQN));
                byte[] response = reply();
                assertThat(response).as("CapsuleResp").hasSize(24);
                assertThat(ByteBuffer.wrap(response).order(ByteOrder.LITTLE_ENDIAN).getShort(22)).as("status").isZero();
            }
        }

        void send(byte[] bytes) {
            link.b().inject(bytes);
            harness.pump();
        }

        /** What arrived since the last call. */
        byte[] reply() {
            byte[] all = peer.received();
            byte[] fresh = Arrays.copyOfRange(all, seen, all.length);
            seen = all.length;
            return fresh;
        }
    }
}
