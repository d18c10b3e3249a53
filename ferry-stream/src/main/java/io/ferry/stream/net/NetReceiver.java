package io.ferry.stream.net;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileBackend;
import io.ferry.net.AcceptHandler;
import io.ferry.net.AcceptedSocket;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.Listener;
import io.ferry.net.NetLoop;
import io.ferry.net.Timer;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;
import io.ferry.stream.ReceiverOptions;
import io.ferry.stream.StreamReceiver;
import io.ferry.stream.StreamState;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Receives one stream over TCP into DEST: a poll group component that listens on the group's network
 * loop, gives every accepted connection to the {@link StreamReceiver} (which admits or refuses it by
 * its handshake) and polls the receiver. A timer checks the receiver's deadlines (silent channels,
 * channels that never came). Once the stream has ended the listener is closed (one receiver, one
 * stream) and every connection is shut down after what is queued for it (the last acknowledgement)
 * went out: {@link #isSettled()}.
 *
 * <p>Threads: started, polled and closed by the group's owner; {@link #localAddress()},
 * {@link #state()}, {@link #failure()} and the counters may be read from any thread. Closing the
 * component (or its group) fails a stream still running; its temporary files stay for a resume.
 */
public final class NetReceiver implements Component, AcceptHandler {
    /**
     * How long the connections may take to close once the stream ended: the last acknowledgement
     * goes out in far less; a connection still open then (a peer that went away without closing,
     * a stranger that never spoke) is closed, so that the receiver always settles.
     */
    static final long LINGER_NS = 5_000_000_000L;

    private final ReceiverOptions options;
    private final Agent agent;
    private final FileBackend files;
    private final Path dest;
    private final InetSocketAddress listenAddress;
    private final ConnectionOptions connectionOptions;
    private StreamReceiver receiver;
    private NetLoop loop;
    private Listener listener;
    private Timer deadlines;
    private final StreamLinks links = new StreamLinks(LINGER_NS);
    private volatile InetSocketAddress localAddress;
    private volatile StreamState state = StreamState.OPENING;
    private volatile FerryException failure;
    private volatile long bytesWritten;
    private volatile long bytesDone;
    private volatile long resumedBytes;
    private volatile long streamBytes = -1;
    private volatile long startPosition = -1;
    private volatile long durablePosition;
    private volatile boolean settled;

    /**
     * A receiver of one stream into {@code dest}, accepting what {@code options} allow and writing
     * through {@code files}; it listens when its poll group starts it.
     *
     * @param agent             an agent in INVOKER mode, polled by the receiver (the destination's writes)
     * @param listenAddress     where to listen (port 0: the kernel picks one, see {@link #localAddress()})
     * @param connectionOptions how accepted connections are set up (TLS or plain)
     */
    public NetReceiver(ReceiverOptions options, Agent agent, FileBackend files, Path dest, InetSocketAddress listenAddress,
                       ConnectionOptions connectionOptions) {
        this.options = Objects.requireNonNull(options, "options");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.files = Objects.requireNonNull(files, "files");
        this.dest = Objects.requireNonNull(dest, "dest");
        this.listenAddress = Objects.requireNonNull(listenAddress, "listenAddress");
        this.connectionOptions = Objects.requireNonNull(connectionOptions, "connectionOptions");
    }

    @Override
    public String name() {
        return "stream-receiver-" + listenAddress;
    }

    /**
     * Listens; the address it listens on is {@link #localAddress()} from now on. Throws when it cannot bind,
     * or at once when DEST cannot take a stream (a FIFO, see {@link io.ferry.stream.DestinationKind#check}).
     */
    @Override
    public void onStart(PollGroup group) {
        loop = NetLoop.of(group);
        agent.watchCompletions(loop); // a finished write ends the loop's wait, as a socket does
        receiver = new StreamReceiver(options, agent, files, dest);
        try {
            listener = loop.listen(listenAddress, this);
        } catch (RuntimeException e) {
            receiver.close(); // lets go of DEST for another receiver
            throw e;
        }
        localAddress = listener.localAddress();
        deadlines = loop.timer(this::checkDeadlines);
        deadlines.scheduleAfter(NetSender.checkPeriodNs(options.idleTimeoutNs()));
    }

    private void checkDeadlines() {
        if (receiver.state().isFinal()) {
            links.closeLingering();
            return;
        }
        receiver.checkDeadlines(loop.nowNs());
        deadlines.scheduleAfter(NetSender.checkPeriodNs(options.idleTimeoutNs()));
    }

    @Override
    public void onAccepted(Listener from, AcceptedSocket socket) {
        if (receiver.state().isFinal()) {
            socket.close();
            return;
        }
        NetLink link = new NetLink();
        links.add(link);
        link.bind(loop.adopt(socket, link, connectionOptions)).serve(receiver.accept(link));
    }

    @Override
    public void onClosed(Listener from, FerryException cause) {
        if (cause != null) {
            receiver.fail(new FerryException(cause.errorCode(), "the stream's listener failed: " + cause.getMessage(), cause));
        }
    }

    /**
     * Cancels the stream unless it has ended: it fails with {@link ErrorCode#CANCELLED} and {@code reason},
     * every channel is told and closed, and the temporary files and the resume record stay for a resume.
     * The receiver then settles as after any end. Owner thread.
     */
    public void cancel(String reason) {
        if (receiver != null) {
            receiver.fail(new FerryException(ErrorCode.CANCELLED, reason));
        }
    }

    @Override
    public int poll() {
        if (receiver == null) {
            return 0;
        }
        int work = receiver.poll();
        bytesWritten = receiver.bytesWritten();
        bytesDone = receiver.bytesDone();
        resumedBytes = receiver.resumedBytes();
        startPosition = receiver.startPosition();
        durablePosition = receiver.durablePosition();
        if (streamBytes < 0 && receiver.manifest() != null) {
            streamBytes = receiver.manifest().bytes();
        }
        failure = receiver.failure();
        StreamState now = receiver.state();
        if (now != state) {
            state = now;
            if (now.isFinal()) {
                listener.close();
                links.shutdownAll();
                deadlines.cancel();
                deadlines.scheduleAfter(LINGER_NS);
            }
        }
        if (now.isFinal() && !settled) {
            settled = links.allClosed();
            if (settled) {
                deadlines.cancel();
            }
        }
        return work;
    }

    private void stopListening() {
        deadlines.cancel();
        listener.close();
    }

    /**
     * True once the stream ended and every connection is closed: the last acknowledgement (or error)
     * went out first, so the owner may now close the group.
     */
    public boolean isSettled() {
        return settled;
    }

    /** The address it listens on, once started (null before). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The stream's state; DONE once every file is durable under its final name. */
    public StreamState state() {
        return state;
    }

    /** Why the stream failed, or null. */
    public FerryException failure() {
        return failure;
    }

    /** Payload bytes written so far (zero runs only into a device). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Bytes of the stream's files in place so far, what a progress bar shows: those a resume found, every
     * payload written since and every zero run; {@link #streamBytes()} once the stream is done.
     */
    public long bytesDone() {
        return bytesDone;
    }

    /** Bytes of the stream's files a resume found in place (below {@link #startPosition()}); 0 for a new stream. */
    public long resumedBytes() {
        return resumedBytes;
    }

    /** Every byte of the stream below this offset is durable and recorded for a resume. */
    public long durablePosition() {
        return durablePosition;
    }

    /** Where the stream started: 0, or the position a resume continued from; -1 before its manifest arrived. */
    public long startPosition() {
        return startPosition;
    }

    /** The bytes of the stream's files, once its manifest arrived; -1 before. */
    public long streamBytes() {
        return streamBytes;
    }

    /** Connections refused by their handshake, which did not fail the stream. Owner thread. */
    public int refusals() {
        return receiver.refusals();
    }

    /** The resume record's path; null when none is kept (a character device). Once started. */
    public Path recordPath() {
        return receiver.recordPath();
    }

    @Override
    public void onClose() {
        if (receiver == null) {
            return;
        }
        if (!receiver.state().isFinal()) {
            receiver.fail(new FerryException(ErrorCode.CANCELLED, "the stream receiver was closed"));
        }
        if (listener != null) {
            stopListening();
        }
        receiver.close();
        state = receiver.state();
        failure = receiver.failure();
    }
}
