package io.ferry.stream;

import io.ferry.Agent;
import io.ferry.file.FileBackend;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.ConnectionState;
import io.ferry.net.NetLoop;
import io.ferry.net.TlsConfig;
import io.ferry.poll.PollGroup;
import io.ferry.stream.net.NetReceiver;
import io.ferry.stream.net.NetSender;
import io.ferry.stream.source.Source;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A receiver and a sender over loopback sockets, on one poll group driven by the test's thread. */
final class TcpLoop implements AutoCloseable {
    private static final Duration BOUND = Duration.ofSeconds(90);
    static final long IDLE_TIMEOUT_NS = 30_000_000_000L;

    final PollGroup group = new PollGroup("tcp-stream-test");
    final Agent agent = Agent.create();
    final FileBackend files = agent.attach(FileBackend.factory());
    NetReceiver receiver;
    NetSender sender;
    ConnectionOptions serverOptions = ConnectionOptions.PLAIN;
    ConnectionOptions clientOptions = ConnectionOptions.PLAIN;

    /** TLS on both ends: the receiver with {@code certificate} and {@code key}, the sender trusting {@code certificate}. */
    TcpLoop withTls(Path certificate, Path key) {
        serverOptions = ConnectionOptions.tlsServer(TlsConfig.server(certificate, key));
        clientOptions = ConnectionOptions.tlsClient(TlsConfig.client(certificate), "localhost");
        return this;
    }

    NetReceiver receive(Path dest, ReceiverOptions options) {
        receiver = new NetReceiver(options, agent, files, dest, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                serverOptions);
        group.addNow(receiver);
        assertThat(receiver.localAddress()).as("listening").isNotNull();
        return receiver;
    }

    NetSender send(StreamOptions options, Source source) {
        return send(options, source, receiver.localAddress());
    }

    NetSender send(StreamOptions options, Source source, InetSocketAddress to) {
        sender = new NetSender(options, source, to, clientOptions, IDLE_TIMEOUT_NS);
        group.addNow(sender);
        return sender;
    }

    /** Polls the group until {@code done}, waiting in its network loop when idle; fails the test past a bound. */
    void runUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("condition not reached within " + BOUND + "; sender " + (sender == null ? "-" : sender.state())
                        + ", receiver " + (receiver == null ? "-" : receiver.state()));
            }
            if (group.poll() == 0) {
                group.waiter().await(1_000_000L);
            }
        }
    }

    void runToEnd() {
        runUntil(() -> sender.state().isFinal() && receiver.state().isFinal());
    }

    /** Runs until every connection of the loop is closed: nothing of the stream is left running. */
    void runUntilAllClosed() {
        NetLoop loop = NetLoop.of(group);
        runUntil(() -> loop.connectionCount(ConnectionState.CONNECTING) + loop.connectionCount(ConnectionState.OPEN)
                + loop.connectionCount(ConnectionState.CLOSING) == 0);
    }

    @Override
    public void close() {
        group.close();
        agent.close();
    }
}
