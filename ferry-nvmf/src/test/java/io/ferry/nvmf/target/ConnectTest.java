package io.ferry.nvmf.target;

import io.ferry.nvmf.internal.nvme.Connect;
import io.ferry.nvmf.internal.nvme.Property;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.HostConnection.Completion;
import io.ferry.nvmf.support.MemoryLink;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Connect checks (nvme-tcp-notes.md §4.1): subsystem, host allow-list, listener ACL, queue sizes, controller IDs. */
class ConnectTest {
    private static HostConnection fresh(Harness harness) {
        HostConnection host = harness.connection(Splits.WHOLE, 32, false, false);
        assertThat(host.initialize()).isTrue();
        return host;
    }

    @Test
    void shouldRefuseHostNotOnTheAllowList() {
        try (Harness harness = new Harness()) {
            Completion refused = fresh(harness).connect(0, 32, 0, 0xFFFF, Harness.NQN, "nqn.2014-08.org.example:intruder");
            assertThat(refused.status()).isEqualTo(Status.CONNECT_INVALID_HOST);
            assertThat(harness.subsystem.controllerCount()).isZero();
        }
    }

    @Test
    void shouldAcceptEmptyHostNqnOnlyWhenAnyHostIsAllowed() {
        try (Harness harness = new Harness()) {
            assertThat(fresh(harness).connect(0, 32, 0, 0xFFFF, Harness.NQN, "").status())
                    .isEqualTo(Status.CONNECT_INVALID_HOST);
            harness.subsystem.allowAnyHost(true);
            assertThat(fresh(harness).connect(0, 32, 0, 0xFFFF, Harness.NQN, "").status()).isZero();
        }
    }

    @Test
    void shouldRefuseConnectionThroughListenerOutsideTheAcl() {
        try (Harness harness = new Harness()) {
            MemoryLink link = new MemoryLink(Splits.WHOLE);
            harness.links.add(link);
            QueuePair queue = harness.group.accept(link.a(), new ListenAddress("10.0.0.1", 4420));
            link.a().attach(queue);
            HostConnection host = new HostConnection(link.b(), harness::pump, 32, false, false);
            host.initialize();
            assertThat(host.connect(0, 32, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN).status())
                    .isEqualTo(Status.CONNECT_INVALID_HOST);
        }
    }

    @Test
    void shouldNameTheBadFieldWhenParametersAreInvalid() {
        try (Harness harness = new Harness()) {
            Completion unknown = fresh(harness).connect(0, 32, 0, 0xFFFF, "nqn.2026-01.io.ferry:nothing", Harness.HOST_NQN);
            assertThat(unknown.status()).isEqualTo(Status.CONNECT_INVALID_PARAMETERS);
            assertThat(unknown.cdw0()).as("IPO 256 in the data").isEqualTo(256 | 1 << 16);

            Completion tooDeep = fresh(harness).connect(0, 129, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN);
            assertThat(tooDeep.cdw0()).as("SQSIZE in the command").isEqualTo(Connect.SQSIZE);

            Completion staticId = fresh(harness).connect(0, 32, 0, 5, Harness.NQN, Harness.HOST_NQN);
            assertThat(staticId.cdw0()).as("CNTLID in the data").isEqualTo(16 | 1 << 16);
        }
    }

    @Test
    void shouldJoinIoQueueOnlyToAnEnabledControllerOfTheSameHost() {
        try (Harness harness = new Harness()) {
            HostConnection admin = fresh(harness);
            int cntlid = admin.connect(0, 32, 10000, 0xFFFF, Harness.NQN, Harness.HOST_NQN).cdw0();
            assertThat(fresh(harness).connect(1, 32, 0, cntlid, Harness.NQN, Harness.HOST_NQN).status())
                    .as("before CC.EN").isEqualTo(Status.COMMAND_SEQUENCE_ERROR);
            admin.propertySet(Property.CC, 0x00460001);
            assertThat(fresh(harness).connect(1, 32, 0, cntlid + 1, Harness.NQN, Harness.HOST_NQN).cdw0())
                    .as("unknown CNTLID").isEqualTo(16 | 1 << 16);
            harness.subsystem.allowHost("nqn.2014-08.org.example:other");
            assertThat(fresh(harness).connect(1, 32, 0, cntlid, Harness.NQN, "nqn.2014-08.org.example:other").cdw0())
                    .as("another host's controller").isEqualTo(16 | 1 << 16);
            assertThat(fresh(harness).connect(1, 129, 0, cntlid, Harness.NQN, Harness.HOST_NQN).cdw0())
                    .as("deeper than MQES").isEqualTo(Connect.SQSIZE);
            assertThat(fresh(harness).connect(128, 32, 0, cntlid, Harness.NQN, Harness.HOST_NQN).cdw0())
                    .as("QID beyond the queues per controller").isEqualTo(Connect.QID);
            assertThat(fresh(harness).connect(1, 32, 0, cntlid, Harness.NQN, Harness.HOST_NQN).status()).isZero();
            assertThat(fresh(harness).connect(1, 32, 0, cntlid, Harness.NQN, Harness.HOST_NQN).cdw0())
                    .as("QID taken").isEqualTo(Connect.QID);
        }
    }

    @Test
    void shouldDisconnectIoQueuesWhenHostResetsOrShutsDownController() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 8);
            assertThat(admin.propertySet(Property.CC, 0x00460000).status()).isZero();
            assertThat(admin.propertyGet(Property.CSTS, false).cdw0()).isZero();
            assertThat(io.isClosed()).isTrue();
            assertThat(admin.isClosed()).isFalse();
            assertThat(admin.keepAlive().status()).as("admin commands need CC.EN").isEqualTo(Status.COMMAND_SEQUENCE_ERROR);
        }
    }

    @Test
    void shouldDisconnectAHostRemovedFromTheAllowList() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 8);
            harness.subsystem.removeHost(Harness.HOST_NQN);
            harness.pump();
            assertThat(admin.isClosed()).isTrue();
            assertThat(io.isClosed()).isTrue();
            assertThat(harness.subsystem.controllerCount()).isZero();
            assertThat(fresh(harness).connect(0, 32, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN).status())
                    .isEqualTo(Status.CONNECT_INVALID_HOST);
        }
    }

    @Test
    void shouldDisconnectOnlyHostsOffTheAllowListWhenAnyHostIsNoLongerAllowed() {
        try (Harness harness = new Harness()) {
            harness.subsystem.allowAnyHost(true);
            HostConnection listed = fresh(harness);
            assertThat(listed.connect(0, 32, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN).status()).isZero();
            HostConnection guest = fresh(harness);
            assertThat(guest.connect(0, 32, 0, 0xFFFF, Harness.NQN, "nqn.2014-08.org.example:guest").status()).isZero();
            harness.subsystem.allowHost(Harness.HOST_NQN);
            harness.pump();
            assertThat(guest.isClosed()).as("widening access disconnects nobody").isFalse();

            harness.subsystem.allowAnyHost(false);
            harness.pump();
            assertThat(guest.isClosed()).isTrue();
            assertThat(listed.isClosed()).isFalse();
            assertThat(listed.keepAlive().status()).as("the listed host's controller still answers")
                    .isEqualTo(Status.COMMAND_SEQUENCE_ERROR);
            assertThat(harness.subsystem.controllerCount()).isOne();
        }
    }

    @Test
    void shouldDisconnectQueuesOfARemovedListener() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 8);
            harness.subsystem.removeListener(new ListenAddress("10.0.0.1", 4420));
            harness.pump();
            assertThat(admin.isClosed()).as("another listener's removal").isFalse();

            harness.subsystem.removeListener(Harness.LISTENER);
            harness.pump();
            assertThat(admin.isClosed()).isTrue();
            assertThat(io.isClosed()).isTrue();
            assertThat(harness.subsystem.controllerCount()).isZero();
        }
    }

    @Test
    void shouldRefuseCommandsBeforeConnectAndSecondConnect() {
        try (Harness harness = new Harness()) {
            HostConnection host = fresh(harness);
            assertThat(host.keepAlive().status()).isEqualTo(Status.COMMAND_SEQUENCE_ERROR);
            assertThat(host.connect(0, 32, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN).status()).isZero();
            assertThat(host.connect(0, 32, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN).status())
                    .isEqualTo(Status.COMMAND_SEQUENCE_ERROR);
        }
    }
}
