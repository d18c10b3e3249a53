package io.ferry.nvmf.target;

import io.ferry.nvmf.device.NullDevice;
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
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The discovery subsystem as SPDK's tools read it (nvme-tcp-notes.md §5.6, §8.9). */
class DiscoveryTest {
    private static HostConnection discovery(Harness harness) {
        HostConnection host = harness.connection(Splits.RANDOM, 32, false, false);
        host.initialize();
        Completion connect = host.connect(0, 32, 0, 0xFFFF, Subsystem.DISCOVERY_NQN, Harness.HOST_NQN);
        assertThat(connect.status()).isZero();
        host.propertySet(Property.CC, 0x00460001);
        return host;
    }

    private static String field(ByteBuffer b, int at, int length) {
        byte[] bytes = new byte[length];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).replace("\0", "");
    }

    @Test
    void shouldListSubsystemListenerPairsTheHostMayUse() {
        try (Harness harness = new Harness()) {
            Subsystem hidden = harness.target.addSubsystem("nqn.2026-01.io.ferry:hidden", "FERRY0002", "Hidden");
            hidden.allowAnyListener(true);
            HostConnection host = discovery(harness);

            DataBuffer page = host.buffer(4096);
            assertThat(host.identify(Identify.CNS_CONTROLLER, 0, page).status()).isZero();
            assertThat(Le.u8(page.view(), IdentifyController.CNTRLTYPE)).isEqualTo(2);
            assertThat(host.setFeatures(Feature.ASYNC_EVENT_CONFIGURATION, 0x80000000).status()).isZero();
            assertThat(host.getFeatures(Feature.KEEP_ALIVE_TIMER).status()).isZero();
            assertThat(host.identify(Identify.CNS_NAMESPACE, 1, page).status()).isEqualTo(Status.INVALID_FIELD);

            assertThat(host.getLogPage(LogPage.DISCOVERY, 1024, 0, page).status()).isZero();
            long generation = Le.i64(page.view(), 0);
            assertThat(Le.i64(page.view(), 8)).as("NUMREC: disk1 and the discovery subsystem, one listener").isEqualTo(2);

            DataBuffer log = host.buffer(3072);
            assertThat(host.getLogPage(LogPage.DISCOVERY, 3072, 0, log).status()).isZero();
            ByteBuffer entry = log.view().slice(1024, 1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(Le.u8(entry, 0)).as("TRTYPE TCP").isEqualTo(3);
            assertThat(Le.u8(entry, 1)).as("ADRFAM IPv4").isEqualTo(1);
            assertThat(Le.u8(entry, 2)).as("SUBTYPE NVMe").isEqualTo(2);
            assertThat(Le.u16(entry, 6)).as("CNTLID dynamic").isEqualTo(0xFFFF);
            assertThat(Le.u16(entry, 8)).as("ASQSZ").isEqualTo(128);
            assertThat(field(entry, 32, 32)).isEqualTo("4420");
            assertThat(field(entry, 256, 256)).isEqualTo(Harness.NQN);
            assertThat(field(entry, 512, 256)).isEqualTo("127.0.0.1");
            ByteBuffer self = log.view().slice(2048, 1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(Le.u8(self, 2)).as("SUBTYPE current discovery").isEqualTo(3);
            assertThat(field(self, 256, 256)).isEqualTo(Subsystem.DISCOVERY_NQN);

            DataBuffer counter = host.buffer(8);
            assertThat(host.getLogPage(LogPage.DISCOVERY, 8, 0, counter).status()).isZero();
            assertThat(Le.i64(counter.view(), 0)).isEqualTo(generation);
        }
    }

    @Test
    void shouldMoveGenerationAndNotifyWhenWhatHostsSeeChanges() {
        try (Harness harness = new Harness()) {
            HostConnection host = discovery(harness);
            assertThat(host.setFeatures(Feature.ASYNC_EVENT_CONFIGURATION, 0x80000000).status()).isZero();
            int event = host.submit(HostCommands::asyncEventRequest, null, 0, false);
            long before = harness.target.discoveryGeneration();
            assertThat(host.isPending(event)).isTrue();

            Subsystem added = harness.target.addSubsystem("nqn.2026-01.io.ferry:disk2", "FERRY0003", "Second");
            added.addNamespace(new NullDevice(1024, 4096));
            added.allowAnyHost(true);
            added.allowAnyListener(true);
            Completion notice = host.await(event);
            assertThat(notice).isNotNull();
            assertThat(notice.cdw0()).as("notice, discovery log changed, log 0x70").isEqualTo(0x2 | 0xF0 << 8 | 0x70 << 16);
            assertThat(harness.target.discoveryGeneration()).isGreaterThan(before);

            DataBuffer page = host.buffer(1024);
            host.getLogPage(LogPage.DISCOVERY, 1024, 0, page);
            assertThat(Le.i64(page.view(), 0)).isEqualTo(harness.target.discoveryGeneration());
            assertThat(Le.i64(page.view(), 8)).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseIoQueuesAndIoPagesOnDiscoveryController() {
        try (Harness harness = new Harness()) {
            HostConnection host = discovery(harness);
            DataBuffer page = host.buffer(4096);
            assertThat(host.getLogPage(LogPage.SMART_HEALTH, 512, 0, page).status()).isEqualTo(Status.INVALID_LOG_PAGE);
            assertThat(host.setFeatures(Feature.NUMBER_OF_QUEUES, 0).status()).isEqualTo(Status.INVALID_FIELD);
        }
    }
}
