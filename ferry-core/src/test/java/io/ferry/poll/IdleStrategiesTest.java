package io.ferry.poll;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleStrategiesTest {
    @Test
    void shouldMakeEachStrategyByName() {
        assertThat(IdleStrategies.named("spin")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategies.named("yield")).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleStrategies.named("backoff")).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(IdleStrategies.named(" BackOff ")).isInstanceOf(BackoffIdleStrategy.class);
    }

    @Test
    void shouldMakeANewBackoffForEachThread() {
        assertThat(IdleStrategies.named("backoff")).isNotSameAs(IdleStrategies.named("backoff"));
    }

    @Test
    void shouldListValidNamesForAnUnknownName() {
        assertThatThrownBy(() -> IdleStrategies.named("sleepy"))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'sleepy'")
                .hasMessageContaining("spin, yield, backoff");
    }
}
