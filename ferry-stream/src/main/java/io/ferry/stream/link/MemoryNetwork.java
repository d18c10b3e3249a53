package io.ferry.stream.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * An in-memory network for tests: connections whose bytes move only when the owner calls
 * {@link #step()}, in pieces of random size, from connections picked at random, so channels overtake
 * each other and packets arrive split at every possible place. Everything depends on the seed: a
 * failing run repeats exactly. Faults: {@link MemoryConnection#kill()},
 * {@link MemoryConnection#corruptSentByte(long)} and a slow path ({@link MemoryConnection#hold()}).
 *
 * <p>Not thread-safe: one thread steps the network and drives the handlers.
 */
public final class MemoryNetwork {
    private final Random random;
    private final int maxPieceBytes;
    private final int receiveBufferBytes;
    private final List<MemoryConnection> ends = new ArrayList<>();
    private final ArrayDeque<Runnable> events = new ArrayDeque<>();
    private final Set<MemoryConnection> woken = new LinkedHashSet<>();
    private Function<Connection, ConnectionHandler> acceptor;

    /**
     * A network with no connection yet, whose every random choice follows {@code seed}.
     *
     * @param seed               the seed of every random choice
     * @param maxPieceBytes      the largest piece moved in one step
     * @param receiveBufferBytes the receive buffer of each end (bytes in it wait for the handler)
     */
    public MemoryNetwork(long seed, int maxPieceBytes, int receiveBufferBytes) {
        this.random = new Random(seed);
        this.maxPieceBytes = maxPieceBytes;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /** Sets who accepts connections: given the server's end, it returns that end's handler. */
    public void listen(Function<Connection, ConnectionHandler> acceptor) {
        this.acceptor = acceptor;
    }

    /** Connects to the listener; returns the client's end, served by {@code handler}. */
    public MemoryConnection connect(ConnectionHandler handler) {
        MemoryConnection client = new MemoryConnection(this, receiveBufferBytes);
        MemoryConnection server = new MemoryConnection(this, receiveBufferBytes);
        client.bind(handler, server);
        server.bind(acceptor.apply(server), client);
        ends.add(client);
        ends.add(server);
        return client;
    }

    void later(Runnable event) {
        events.add(event);
    }

    void wake(MemoryConnection end) {
        woken.add(end);
    }

    /**
     * Delivers pending events (closes, bytes for a new {@code receiveInto}) and moves one piece of one
     * random connection with bytes to send. Returns the work done, 0 when nothing was pending.
     */
    public int step() {
        int work = 0;
        while (!events.isEmpty()) {
            events.poll().run();
            work++;
        }
        while (!woken.isEmpty()) {
            MemoryConnection end = woken.iterator().next();
            woken.remove(end);
            end.deliver();
            work++;
        }
        List<MemoryConnection> ready = new ArrayList<>();
        for (MemoryConnection end : ends) {
            if (end.hasOutbound()) {
                ready.add(end);
            }
        }
        if (ready.isEmpty()) {
            return work;
        }
        MemoryConnection end = ready.get(random.nextInt(ready.size()));
        int moved = end.move(1 + random.nextInt(maxPieceBytes));
        end.peerDeliver();
        return work + moved;
    }
}
