package io.ferry.nvmf.support;

import io.ferry.net.ConnectionOptions;
import io.ferry.net.NetLoop;
import io.ferry.nvmf.internal.pdu.SocketTransport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Host queues over real TCP connections, on one network loop that the test's thread drives: each
 * {@link HostConnection} call pumps the loop (waiting at most a millisecond when nothing is ready)
 * until its command completes, while the target runs on its own threads.
 */
public final class SocketHosts implements AutoCloseable {
    private static final long WAIT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final NetLoop loop = NetLoop.open("test-hosts");

    /** A new connection to {@code address}, not yet initialized. */
    public HostConnection connect(InetSocketAddress address, int depth, boolean headerDigest, boolean dataDigest) {
        SocketTransport transport = new SocketTransport();
        transport.bind(loop.connect(address, transport, ConnectionOptions.PLAIN));
        return new HostConnection(transport, transport::attach, this::pump, depth, headerDigest, dataDigest);
    }

    /** One cycle of the loop, and a short wait when it found nothing to do. */
    public void pump() {
        if (loop.poll() == 0) {
            loop.await(WAIT_NS);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
