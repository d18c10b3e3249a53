package io.ferry.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitingIdleStrategyTest {
    @Test
    void shouldSpinThenWaitInTheWaiterAndStartOverAfterWork() {
        List<Long> waits = new ArrayList<>();
        WaitingIdleStrategy idle = new WaitingIdleStrategy(waits::add, 3, 500_000);

        for (int i = 0; i < 5; i++) {
            idle.idle(0);
        }
        assertThat(waits).containsExactly(500_000L, 500_000L);

        idle.idle(1);
        for (int i = 0; i < 3; i++) {
            idle.idle(0);
        }
        assertThat(waits).as("spins again after work").hasSize(2);
        idle.idle(0);
        assertThat(waits).hasSize(3);
    }

    @Test
    void shouldRefuseNonsense() {
        assertThatThrownBy(() -> new WaitingIdleStrategy(ns -> { }, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WaitingIdleStrategy(ns -> { }, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
