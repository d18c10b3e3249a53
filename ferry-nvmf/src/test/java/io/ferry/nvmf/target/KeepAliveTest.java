package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.Feature;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.support.HostConnection;
import io.ferry.nvmf.support.Splits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alive expiry is a deadline the poll group checks with the time it polls at; expiry tears the controller down. */
class KeepAliveTest {
    @Test
    void shouldTearDownControllerAndItsQueuesWhenNoKeepAliveArrivesWithinKato() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.admin(Splits.WHOLE, false, false);
            HostConnection io = harness.io(Splits.WHOLE, false, false, 16);
            assertThat(harness.subsystem.controllerCount()).isEqualTo(1);

            harness.advanceMillis(10000);
            harness.pump();
            assertThat(admin.isClosed()).as("exactly KATO has not expired").isFalse();

            harness.advanceMillis(1);
            harness.pump();
            assertThat(admin.isClosed()).isTrue();
            assertThat(io.isClosed()).as("I/O queues go with their controller").isTrue();
            assertThat(harness.queues.getFirst().isClosed()).isTrue();
            assertThat(harness.subsystem.controllerCount()).isZero();
            assertThat(harness.group.connections()).isZero();
            assertThat(harness.links.getFirst().a().closeCause())
                    .isInstanceOf(FerryException.class)
                    .hasMessageContaining("keep-alive timeout")
                    .satisfies(e -> assertThat(((FerryException) e).errorCode()).isEqualTo(ErrorCode.TIMED_OUT));
        }
    }

    @Test
    void shouldKeepControllerWhileKeepAlivesArrive() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.admin(Splits.WHOLE, false, false);
            for (int i = 0; i < 10; i++) {
                harness.advanceMillis(6000);
                assertThat(admin.keepAlive().status()).isZero();
            }
            assertThat(admin.isClosed()).isFalse();
            assertThat(harness.subsystem.controllerCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldUseTimerSetByFeaturesAndRefuseZero() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.admin(Splits.WHOLE, false, false);
            assertThat(admin.setFeatures(Feature.KEEP_ALIVE_TIMER, 0).status()).isEqualTo(Status.KEEP_ALIVE_INVALID);
            assertThat(admin.setFeatures(Feature.KEEP_ALIVE_TIMER, 1950).status()).isZero();
            assertThat(admin.getFeatures(Feature.KEEP_ALIVE_TIMER).cdw0()).as("rounded up to KAS").isEqualTo(2000);
            harness.advanceMillis(2001);
            harness.pump();
            assertThat(admin.isClosed()).isTrue();
        }
    }

    @Test
    void shouldNeverExpireWhenHostAsksForNoKeepAlive() {
        try (Harness harness = new Harness()) {
            HostConnection admin = harness.connection(Splits.WHOLE, 32, false, false);
            admin.initialize();
            assertThat(admin.connect(0, 32, 0, 0xFFFF, Harness.NQN, Harness.HOST_NQN).status()).isZero();
            harness.advanceMillis(3_600_000);
            harness.pump();
            assertThat(admin.isClosed()).isFalse();
        }
    }
}
