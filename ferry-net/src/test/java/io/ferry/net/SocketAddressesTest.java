package io.ferry.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class SocketAddressesTest {
    @Test
    void shouldWriteAnAddressAsHostColonPort() throws UnknownHostException {
        assertThat(SocketAddresses.describe(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 4420)))
                .isEqualTo("127.0.0.1:4420");
        assertThat(SocketAddresses.describe(new InetSocketAddress(InetAddress.getByName("::1"), 4420)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:4420");
    }

    @Test
    void shouldKeepTheNameAnAddressWasGivenBy() throws UnknownHostException {
        InetSocketAddress named = new InetSocketAddress(InetAddress.getByAddress("example.com", new byte[] {10, 0, 0, 1}), 443);
        assertThat(named.toString()).isEqualTo("example.com/10.0.0.1:443");
        assertThat(SocketAddresses.describe(named)).isEqualTo("example.com:443");
    }
}
