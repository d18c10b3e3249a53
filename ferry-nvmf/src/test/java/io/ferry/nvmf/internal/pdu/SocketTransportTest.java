package io.ferry.nvmf.internal.pdu;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our send tokens cross ferry-net, which reports only non-negative ones, and come back unchanged. */
class SocketTransportTest {
    @Test
    void shouldCarryNegativeAndPositiveTokensThroughFerryNet() {
        for (long token : new long[] {0, 1, 5, -1, -2, (1L << 62) - 1, -(1L << 62)}) {
            long wire = SocketTransport.encode(token);
            assertThat(wire).as("token %d on the wire", token).isNotNegative();
            assertThat(SocketTransport.decode(wire)).isEqualTo(token);
        }
    }

    @Test
    void shouldRefuseTokensThatCannotMakeTheRoundTrip() {
        assertThatThrownBy(() -> SocketTransport.encode(1L << 62)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketTransport.encode(-(1L << 62) - 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
