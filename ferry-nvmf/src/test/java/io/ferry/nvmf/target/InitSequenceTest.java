package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.host.HostCommands;
import io.ferry.nvmf.internal.nvme.Feature;
import io.ferry.nvmf.internal.nvme.Identify;
import io.ferry.nvmf.internal.nvme.IdentifyController;
import io.ferry.nvmf.internal.nvme.LogPage;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;
import io.ferry.nvmf.internal.pdu.Le;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.HostConnection.Completion;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin initialisation real hosts perform (nvme-tcp-notes.md §5.1 and §8.1), step by step in
 * SPDK's order, with the values hosts check, over every way of cutting the stream and with
 * digests on and off.
 */
class InitSequenceTest {
    static Stream<Arguments> links() {
        List<Arguments> list = new ArrayList<>();
        for (Splits splits : Splits.values()) {
            list.add(Arguments.of(splits, false, false));
            list.add(Arguments.of(splits, true, true));
        }
        list.add(Arguments.of(Splits.RANDOM, true, false));
        list.add(Arguments.of(Splits.RANDOM, false, true));
        return list.stream();
    }

    @ParameterizedTest(name = "{0}, header digest {1}, data digest {2}")
    @MethodSource("links")
    void shouldCompleteSpdkIdentifySequenceWhenHostFollowsIt(Splits splits, boolean headerDigest, boolean dataDigest) {
        try (Harness harness = new Harness()) {
            HostConnection host = harness.connection(splits, 32, headerDigest, dataDigest);
            assertThat(host.initialize()).isTrue();
            assertThat(host.queue().maxH2cData()).isEqualTo(131072);

            Completion connect = host.connect(0, 32, 10000, 0xFFFF, Harness.NQN, Harness.HOST_NQN);
            assertThat(connect.status()).isEqualTo(Status.SUCCESS);
            int cntlid = connect.cdw0() & 0xFFFF;
            assertThat(cntlid).isBetween(1, 0xFFEF);

            assertThat(host.propertyGet(Property.VS, false).cdw0()).isEqualTo(0x00020000);
            long cap = host.propertyGet(Property.CAP, true).value();
            assertThat(cap & 0xFFFF).as("MQES").isEqualTo(127);
            assertThat(cap >>> 16 & 1).as("CQR").isEqualTo(1);
            assertThat(cap >>> 37 & 1).as("CSS NVM").isEqualTo(1);
            assertThat(host.propertyGet(Property.CC, false).cdw0() & 1).isZero();
            assertThat(host.propertyGet(Property.CSTS, false).cdw0()).isZero();
            assertThat(host.propertySet(Property.CC, 0x00460001).status()).isZero();
            assertThat(host.propertyGet(Property.CSTS, false).cdw0()).isEqualTo(1);

            DataBuffer page = host.buffer(4096);
            assertThat(host.identify(Identify.CNS_CONTROLLER, 0, page).status()).isZero();
            ByteBuffer id = page.view();
            assertThat(Le.u16(id, IdentifyController.CNTLID)).isEqualTo(cntlid);
            assertThat(ascii(id, IdentifyController.SN, 20)).isEqualTo("FERRY0001           ");
            assertThat(ascii(id, IdentifyController.MN, 40).trim()).isEqualTo("Ferry test disk");
            assertThat(Le.u8(id, IdentifyController.MDTS)).isEqualTo(5);
            assertThat(Le.i32(id, IdentifyController.VER)).isEqualTo(0x00020000);
            assertThat(Le.u8(id, IdentifyController.CNTRLTYPE)).isEqualTo(1);
            assertThat(Le.u16(id, IdentifyController.KAS)).isNotZero();
            assertThat(Le.u8(id, IdentifyController.AERL)).isEqualTo(3);
            assertThat(Le.u8(id, IdentifyController.SQES)).isEqualTo(0x66);
            assertThat(Le.u8(id, IdentifyController.CQES)).isEqualTo(0x44);
            assertThat(Le.u16(id, IdentifyController.MAXCMD)).isEqualTo(128);
            assertThat(Le.u16(id, IdentifyController.ONCS)).isEqualTo(0x000C);
            assertThat(Le.i32(id, IdentifyController.SGLS) & 0x3).isEqualTo(1);
            assertThat(ascii(id, IdentifyController.SUBNQN, Harness.NQN.length())).isEqualTo(Harness.NQN);
            assertThat(Le.u8(id, IdentifyController.SUBNQN + Harness.NQN.length())).isZero();
            assertThat(Le.i32(id, IdentifyController.IOCCSZ)).isEqualTo(260);
            assertThat(Le.i32(id, IdentifyController.IORCSZ)).isEqualTo(1);
            assertThat(Le.u16(id, IdentifyController.ICDOFF)).isZero();

            assertThat(host.setFeatures(Feature.ASYNC_EVENT_CONFIGURATION, 0x11F).status()).isZero();
            List<Integer> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                events.add(host.submit((sqe, cid) -> HostCommands.asyncEventRequest(sqe, cid), null, 0, false));
            }
            Completion fifth = host.execute(HostCommands::asyncEventRequest);
            assertThat(fifth.status()).as("AER limit").isEqualTo(Status.ASYNC_EVENT_LIMIT_EXCEEDED);
            assertThat(host.getFeatures(Feature.KEEP_ALIVE_TIMER).cdw0()).isEqualTo(10000);
            assertThat(host.execute((sqe, cid) -> HostCommands.identify(sqe, cid, Identify.CNS_IO_COMMAND_SET_CONTROLLER, 0, 0),
                    page, 4096, false).status()).isZero();
            assertThat(host.setFeatures(Feature.NUMBER_OF_QUEUES, 0x03FF03FF).cdw0()).isEqualTo(0x007E007E);

            assertThat(host.identify(Identify.CNS_ACTIVE_NAMESPACES, 0, page).status()).isZero();
            assertThat(Le.i32(page.view(), 0)).isEqualTo(1);
            assertThat(Le.i32(page.view(), 4)).isZero();

            assertThat(host.identify(Identify.CNS_NAMESPACE, 1, page).status()).isZero();
            assertThat(Le.i64(page.view(), 0)).as("NSZE").isEqualTo(Harness.BLOCKS);
            assertThat(Le.i32(page.view(), 128) >>> 16 & 0xFF).as("LBADS").isEqualTo(9);

            assertThat(host.identify(Identify.CNS_NAMESPACE_DESCRIPTORS, 1, page).status()).isZero();
            Namespace namespace = harness.subsystem.namespace(1);
            assertThat(Le.u8(page.view(), 0)).isEqualTo(Identify.NIDT_NGUID);
            assertThat(Le.u8(page.view(), 1)).isEqualTo(16);
            assertThat(Long.reverseBytes(Le.i64(page.view(), 4))).isEqualTo(namespace.nguid().getMostSignificantBits());
            assertThat(Le.u8(page.view(), 20)).isEqualTo(Identify.NIDT_UUID);
            assertThat(Long.reverseBytes(Le.i64(page.view(), 24))).isEqualTo(namespace.uuid().getMostSignificantBits());
            assertThat(Long.reverseBytes(Le.i64(page.view(), 32))).isEqualTo(namespace.uuid().getLeastSignificantBits());
            assertThat(Le.u8(page.view(), 40)).isEqualTo(Identify.NIDT_CSI);

            for (int feature : new int[] {Feature.ARBITRATION, Feature.POWER_MANAGEMENT, Feature.ERROR_RECOVERY}) {
                assertThat(host.getFeatures(feature).status()).as("feature %d", feature).isZero();
            }
            assertThat(host.getFeatures(Feature.TEMPERATURE_THRESHOLD).cdw0()).isEqualTo(Feature.DEFAULT_TEMPERATURE_THRESHOLD);
            assertThat(host.getFeatures(0x03).status()).as("LBA range type").isEqualTo(Status.INVALID_FIELD);
            assertThat(host.getFeatures(Feature.NUMBER_OF_QUEUES).cdw0()).isEqualTo(0x007E007E);
            for (int log : new int[] {LogPage.SMART_HEALTH, LogPage.ERROR_INFORMATION, LogPage.FIRMWARE_SLOT}) {
                assertThat(host.getLogPage(log, 512, 0, page).status()).as("log %d", log).isZero();
            }
            assertThat(page.view().get(0)).as("active firmware slot").isEqualTo((byte) 1);
            assertThat(host.getLogPage(LogPage.COMMAND_EFFECTS, 4096, 0, page).status()).isZero();
            assertThat(Le.i32(page.view(), 1024 + 4)).as("write: supported, changes content").isEqualTo(3);
            assertThat(Le.i32(page.view(), 1024 + 8)).as("read: supported").isEqualTo(1);
            assertThat(host.keepAlive().status()).isZero();

            assertThat(host.propertySet(Property.CC, 0x00464001).status()).isZero();
            assertThat(host.propertyGet(Property.CSTS, false).cdw0()).isEqualTo(0x9);
            for (int cid : events) {
                assertThat(host.isPending(cid)).as("AER %d stays held", cid).isTrue();
            }
            assertThat(host.isClosed()).isFalse();
            QueuePair queue = harness.queues.getFirst();
            assertThat(queue.count(RequestState.EXECUTING)).as("held AERs").isEqualTo(4);
            assertThat(queue.count(RequestState.FREE)).isEqualTo(28);
        }
    }

    @ParameterizedTest(name = "{0}, header digest {1}, data digest {2}")
    @MethodSource("links")
    void shouldCompleteLinuxInitSequenceWhenHostFollowsIt(Splits splits, boolean headerDigest, boolean dataDigest) {
        try (Harness harness = new Harness()) {
            HostConnection host = harness.connection(splits, 32, headerDigest, dataDigest);
            assertThat(host.initialize()).isTrue();
            int cntlid = host.connect(0, 32, 5000, 0xFFFF, Harness.NQN, Harness.HOST_NQN).cdw0();
            assertThat(host.propertyGet(Property.CAP, true).status()).isZero();
            assertThat(host.propertyGet(Property.VS, false).status()).isZero();
            assertThat(host.propertySet(Property.CC, 0x00460001).status()).isZero();
            assertThat(host.propertyGet(Property.CSTS, false).cdw0() & 1).isEqualTo(1);
            DataBuffer page = host.buffer(4096);
            assertThat(host.identify(Identify.CNS_CONTROLLER, 0, page).status()).isZero();
            assertThat(Le.u16(page.view(), IdentifyController.CNTLID)).isEqualTo(cntlid);
            assertThat(host.getLogPage(LogPage.COMMAND_EFFECTS, 4096, 0, page).status()).isZero();
            assertThat(host.setFeatures(Feature.NUMBER_OF_QUEUES, 0x00010001).cdw0()).isEqualTo(0x007E007E);
            assertThat(host.setFeatures(Feature.ASYNC_EVENT_CONFIGURATION, 0x900).status()).isZero();
            Completion abort = host.execute((sqe, cid) -> HostCommands.abort(sqe, cid, 0, 3));
            assertThat(abort.status()).isZero();
            assertThat(abort.cdw0() & 1).as("not aborted, always legal").isEqualTo(1);

            HostConnection io = harness.connection(splits, 128, headerDigest, dataDigest);
            assertThat(io.initialize()).isTrue();
            assertThat(io.connect(1, 128, 5000, cntlid, Harness.NQN, Harness.HOST_NQN).cdw0()).isEqualTo(cntlid);
            assertThat(host.setFeatures(Feature.NUMBER_OF_QUEUES, 0x00010001).status())
                    .as("after I/O queues exist").isEqualTo(Status.COMMAND_SEQUENCE_ERROR);
            assertThat(host.getLogPage(LogPage.SUPPORTED_LOG_PAGES, 1024, 0, page).status()).isZero();
            assertThat(Le.i32(page.view(), LogPage.COMMAND_EFFECTS * 4)).isEqualTo(1);
            assertThat(Le.i32(page.view(), LogPage.DISCOVERY * 4)).isZero();
        }
    }

    private static String ascii(ByteBuffer b, int at, int length) {
        byte[] bytes = new byte[length];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
