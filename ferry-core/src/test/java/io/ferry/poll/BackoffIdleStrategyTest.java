package io.ferry.poll;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.poll.BackoffIdleStrategy.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffIdleStrategyTest {
    private static final int SPINS = 3;
    private static final int YIELDS = 2;

    private final BackoffIdleStrategy strategy = new BackoffIdleStrategy(SPINS, YIELDS, 1, 8);
    private final List<Long> waits = new ArrayList<>();
    private final Waiter waiter = new Waiter() {
        @Override
        public void await(long timeoutNs) {
            waits.add(timeoutNs);
        }

        @Override
        public void wakeup() {
        }
    };

    private void idleTimes(int cycles) {
        for (int i = 0; i < cycles; i++) {
            strategy.idle(0, waiter);
        }
    }

    @Test
    void shouldSpinThenYieldThenParkWithDoublingParkTime() {
        assertThat(strategy.phase()).isEqualTo(Phase.SPINNING);
        idleTimes(SPINS);
        assertThat(strategy.phase()).isEqualTo(Phase.YIELDING);
        idleTimes(YIELDS);
        assertThat(strategy.phase()).isEqualTo(Phase.PARKING);
        assertThat(strategy.parkNs()).isEqualTo(1);
        idleTimes(1);
        assertThat(strategy.parkNs()).isEqualTo(2);
        idleTimes(1);
        assertThat(strategy.parkNs()).isEqualTo(4);
        assertThat(waits).as("only the parking phase waits, in the waiter").containsExactly(1L, 2L);
    }

    @Test
    void shouldCapParkTimeAtMaxParkNs() {
        idleTimes(SPINS + YIELDS + 10);
        assertThat(strategy.phase()).isEqualTo(Phase.PARKING);
        assertThat(strategy.parkNs()).isEqualTo(8);
    }

    @Test
    void shouldStartOverWhenACycleDidWork() {
        idleTimes(SPINS + YIELDS + 2);
        strategy.idle(1, waiter);
        assertThat(strategy.phase()).isEqualTo(Phase.SPINNING);
        assertThat(strategy.parkNs()).isEqualTo(1);
        idleTimes(SPINS);
        assertThat(strategy.phase()).isEqualTo(Phase.YIELDING);
    }

    @Test
    void shouldStartOverOnReset() {
        idleTimes(SPINS + YIELDS + 3);
        strategy.reset();
        assertThat(strategy.phase()).isEqualTo(Phase.SPINNING);
        assertThat(strategy.parkNs()).isEqualTo(1);
    }

    @Test
    void shouldParkAtOnceWhenSpinsAndYieldsAreZero() {
        BackoffIdleStrategy parkOnly = new BackoffIdleStrategy(0, 0, 5, 20);
        assertThat(parkOnly.phase()).isEqualTo(Phase.PARKING);
        parkOnly.idle(0, waiter);
        assertThat(parkOnly.parkNs()).isEqualTo(10);
        parkOnly.idle(0, waiter);
        assertThat(parkOnly.parkNs()).isEqualTo(20);
    }

    @Test
    void shouldRejectInvalidBounds() {
        assertThatThrownBy(() -> new BackoffIdleStrategy(-1, 0, 1, 1))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> new BackoffIdleStrategy(0, 0, 0, 1))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> new BackoffIdleStrategy(0, 0, 10, 9))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
