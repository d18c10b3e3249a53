package io.ferry.nvmf.host;

import io.ferry.net.ConnectionOptions;
import io.ferry.net.NetLoop;
import io.ferry.nvmf.internal.host.HostQueue;
import io.ferry.nvmf.internal.pdu.SocketTransport;

import java.net.InetSocketAddress;

/**
 * One host queue on one TCP connection of a {@link NetLoop}: the connection is made at once, ICReq
 * goes out when it is open, and {@link #isReady()} turns true when ICResp was accepted. Owned by
 * the loop's thread.
 */
final class QueueLink {
    private final HostQueue queue;
    private final SocketTransport transport = new SocketTransport();
    private boolean connected;

    /**
     * @param depth         command slots (at most this many commands outstanding)
     * @param maxDataLength the most data bytes of one command
     */
    QueueLink(NetLoop loop, InetSocketAddress address, HostQueue.Listener listener, int depth, int maxDataLength,
              boolean headerDigest, boolean dataDigest) {
        this.queue = new HostQueue(transport, listener, depth, headerDigest, dataDigest, 0, maxDataLength);
        transport.attach(queue, () -> {
            connected = true;
            queue.start();
        });
        try {
            transport.bind(loop.connect(address, transport, ConnectionOptions.PLAIN));
        } catch (RuntimeException e) {
            queue.release();
            throw e;
        }
    }

    HostQueue queue() {
        return queue;
    }

    /** Whether the TCP connection was ever open (a refused connect never was). */
    boolean wasConnected() {
        return connected;
    }

    boolean isReady() {
        return queue.isReady() && !queue.isClosed();
    }

    /** Closes the connection (the listener hears {@code closed} if it had not yet) and frees the queue's buffers. */
    void close(Throwable cause) {
        transport.close(cause);
        queue.release();
    }
}
