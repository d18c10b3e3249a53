package io.ferry.stream;

import io.ferry.Agent;
import io.ferry.file.FileBackend;
import io.ferry.stream.link.MemoryConnection;
import io.ferry.stream.link.MemoryNetwork;
import io.ferry.stream.send.ConnectionSend;
import io.ferry.stream.send.ImageWriter;
import io.ferry.stream.source.Source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A sender and a receiver over a seeded in-memory network, driven by the test's thread. */
final class Loop implements AutoCloseable {
    static final long MAX_STEPS = 20_000_000;

    final Agent agent = Agent.create();
    final FileBackend files = agent.attach(FileBackend.factory());
    final MemoryNetwork network;
    final List<MemoryConnection> clientEnds = new ArrayList<>();
    StreamReceiver receiver;
    StreamSender sender;

    Loop(long seed) {
        network = new MemoryNetwork(seed, 70_000, 64 * 1024);
    }

    StreamReceiver receive(Path dest, ReceiverOptions options) {
        receiver = new StreamReceiver(options, agent, files, dest);
        network.listen(receiver::accept);
        return receiver;
    }

    StreamSender send(StreamOptions options, Source source) {
        sender = new StreamSender(options, source).open((id, listener) -> {
            ConnectionSend op = new ConnectionSend(id, listener);
            MemoryConnection end = network.connect(op);
            op.attach(end);
            clientEnds.add(end);
            return op;
        });
        return sender;
    }

    /** A sender whose channels write into {@code image}: the file transport. */
    StreamSender sendToImage(StreamOptions options, Source source, ImageWriter image) {
        sender = new StreamSender(options, source).open(image::channel);
        return sender;
    }

    /** Polls the sender alone (file transport) until it ends. */
    void runSenderToEnd() {
        for (long step = 0; step < MAX_STEPS && !sender.state().isFinal(); step++) {
            sender.poll();
        }
        assertThat(sender.state().isFinal()).as("sender ended within " + MAX_STEPS + " steps").isTrue();
    }

    /** Polls everything until {@code done}, failing the test past a bound of steps. */
    void runUntil(BooleanSupplier done) {
        for (long step = 0; step < MAX_STEPS; step++) {
            if (done.getAsBoolean()) {
                return;
            }
            sender.poll();
            network.step();
            receiver.poll();
        }
        assertThat(done.getAsBoolean()).as("condition within " + MAX_STEPS + " steps; sender " + sender.state()
                + ", receiver " + receiver.state()).isTrue();
    }

    void runToEnd() {
        runUntil(() -> sender.state().isFinal() && receiver.state().isFinal());
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        agent.close();
    }
}
