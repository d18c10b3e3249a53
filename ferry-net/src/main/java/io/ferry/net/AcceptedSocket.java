package io.ferry.net;

import io.ferry.internal.linux.LibC;

import java.lang.foreign.Arena;
import java.net.InetSocketAddress;

/**
 * A socket a {@link Listener} accepted and nobody drives yet: a value that may cross threads, so the
 * acceptor can hand it to the poll group that will own it, where {@link NetLoop#adopt} turns it into
 * a connection. Whoever holds it last must adopt or {@link #close()} it.
 *
 * @param fd     the socket's descriptor (non-blocking)
 * @param remote the peer's address
 * @param local  the address it was accepted on (the listener's)
 */
public record AcceptedSocket(int fd, InetSocketAddress remote, InetSocketAddress local) {
    /** Closes a socket that will not be adopted (the group that should take it is closing, a limit was reached). */
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            LibC.close(LibC.newErrnoState(arena), fd);
        }
    }
}
