package io.ferry.net;

import java.net.InetSocketAddress;

/** Socket addresses as people write them in messages: {@code host:port}, an IPv6 host in brackets. */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /**
     * {@code 127.0.0.1:4420}, {@code [::1]:4420} or {@code example.com:443}: the host as it was given
     * (a name is not looked up again), without the {@code /} that {@link InetSocketAddress#toString()} puts
     * between a name and its address.
     */
    public static String describe(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
