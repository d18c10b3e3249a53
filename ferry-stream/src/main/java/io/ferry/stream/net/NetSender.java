package io.ferry.stream.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.NetLoop;
import io.ferry.net.SocketAddresses;
import io.ferry.net.Timer;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;
import io.ferry.stream.StreamOptions;
import io.ferry.stream.StreamSender;
import io.ferry.stream.StreamState;
import io.ferry.stream.send.ConnectionSend;
import io.ferry.stream.source.Source;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Sends a stream over TCP: a poll group component that connects the stream's channels to a receiver
 * on the group's network loop and polls the {@link StreamSender}. A timer fails the stream with
 * {@link ErrorCode#TIMED_OUT} when nothing moves for the idle timeout (no byte handed to a channel,
 * no acknowledgement), so a receiver that stops reading cannot hold the sender forever.
 *
 * <p>A failure of this side is sent to the receiver before the channels end ({@link StreamSender#fail});
 * {@link #isSettled()} tells when every connection has closed, so that closing the group then cannot cut
 * that ERROR off; a connection still open {@link #LINGER_NS} after the end is closed (an ERROR behind a packet the
 * receiver no longer reads would otherwise hold the sender for ever).
 *
 * <p>Threads: started, polled and closed by the group's owner; {@link #state()}, {@link #failure()} and
 * the counters may be read from any thread. Closing the component (or its group) cancels a stream
 * still running and closes every channel and the source.
 */
public final class NetSender implements Component {
    /** How long the connections may take to close once the stream ended; see the class comment. */
    static final long LINGER_NS = 2_000_000_000L;

    private final StreamOptions options;
    private final Source source;
    private final InetSocketAddress address;
    private final ConnectionOptions connectionOptions;
    private final long idleTimeoutNs;
    private StreamSender sender;
    private NetLoop loop;
    private Timer idle;
    private final StreamLinks links = new StreamLinks(LINGER_NS);
    private volatile boolean settled;
    private long lastProgress = -1;
    private long lastProgressNs;
    private volatile StreamState state = StreamState.OPENING;
    private volatile FerryException failure;
    private volatile long bytesHanded;
    private volatile long wireBytes;
    private volatile long startPosition = -1;
    private volatile long ackedSync;
    private volatile long ackedPosition;
    private volatile long packetsSent;

    /**
     * A sender of {@code source} as a stream made by {@code options}; it connects when its poll group
     * starts it. Fails at once on an unresolved address or a timeout that is not positive.
     *
     * @param address           the receiver's address (resolved)
     * @param connectionOptions how each channel's connection is made (TLS or plain)
     * @param idleTimeoutNs     how long nothing may move before the stream fails
     */
    public NetSender(StreamOptions options, Source source, InetSocketAddress address, ConnectionOptions connectionOptions,
                     long idleTimeoutNs) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = Objects.requireNonNull(source, "source");
        this.address = Objects.requireNonNull(address, "address");
        this.connectionOptions = Objects.requireNonNull(connectionOptions, "connectionOptions");
        if (address.isUnresolved()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "cannot send to an unresolved address: " + address);
        }
        if (idleTimeoutNs <= 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "the idle timeout must be positive: " + idleTimeoutNs);
        }
        this.idleTimeoutNs = idleTimeoutNs;
    }

    @Override
    public String name() {
        return "stream-sender-" + address;
    }

    @Override
    public void onStart(PollGroup group) {
        loop = NetLoop.of(group);
        sender = new StreamSender(options, source).open((id, listener) -> {
            ConnectionSend op = new ConnectionSend(id, listener);
            NetLink link = new NetLink();
            link.bind(loop.connect(address, link, connectionOptions)).serve(op);
            op.attach(link);
            links.add(link);
            return op;
        });
        idle = loop.timer(this::checkIdle);
        lastProgressNs = loop.nowNs();
        idle.scheduleAfter(checkPeriodNs(idleTimeoutNs));
    }

    /** How often silence is checked: a quarter of the timeout, so it is noticed within 1.25 timeouts. */
    static long checkPeriodNs(long timeoutNs) {
        return Math.max(1_000_000L, timeoutNs / 4);
    }

    private void checkIdle() {
        if (sender.state().isFinal()) {
            links.closeLingering();
            return;
        }
        long progress = sender.wireBytes() + sender.ackedSync() + sender.state().ordinal();
        long now = loop.nowNs();
        if (progress != lastProgress) {
            lastProgress = progress;
            lastProgressNs = now;
        } else if (now - lastProgressNs >= idleTimeoutNs) {
            sender.fail(new FerryException(ErrorCode.TIMED_OUT, silence()));
            mirror();
            return;
        }
        idle.scheduleAfter(checkPeriodNs(idleTimeoutNs));
    }

    /** Why the stream timed out: no answer to its opening (most likely no receiver there), or silence later. */
    private String silence() {
        String to = SocketAddresses.describe(address);
        long ms = idleTimeoutNs / 1_000_000;
        return sender.state() == StreamState.OPENING
                ? "no answer to the stream's opening from " + to + " within " + ms + " ms (is a ferry receive listening there?)"
                : "nothing moved on the stream to " + to + " for " + ms + " ms";
    }

    @Override
    public int poll() {
        if (sender == null) {
            return 0;
        }
        int work = sender.poll();
        mirror();
        return work;
    }

    private void mirror() {
        bytesHanded = sender.handedPosition();
        wireBytes = sender.wireBytes();
        startPosition = sender.startPosition();
        ackedSync = sender.ackedSync();
        ackedPosition = sender.ackedPosition();
        packetsSent = sender.packetsSent();
        failure = sender.failure();
        StreamState now = sender.state();
        if (now != state) {
            state = now;
            if (now.isFinal()) {
                idle.cancel();
                idle.scheduleAfter(links.lingerNs());
            }
        }
        if (now.isFinal() && !settled) {
            settled = links.allClosed();
            if (settled) {
                idle.cancel();
            }
        }
    }

    /** True once the stream ended and every channel's connection closed, after the ERROR that told the receiver why. */
    public boolean isSettled() {
        return settled;
    }

    /**
     * Cancels the stream unless it has ended: it fails with {@link ErrorCode#CANCELLED} and {@code reason}, and
     * every channel is closed. Owner thread.
     */
    public void cancel(String reason) {
        if (sender != null) {
            sender.fail(new FerryException(ErrorCode.CANCELLED, reason));
            mirror();
        }
    }

    /** The stream's state; DONE once the receiver confirmed it committed everything. */
    public StreamState state() {
        return state;
    }

    /** Why the stream failed, or null. */
    public FerryException failure() {
        return failure;
    }

    /** Stream bytes handed to the channels (the source's position; after a resume it starts above 0). */
    public long bytesHanded() {
        return bytesHanded;
    }

    /** Bytes put on the wire: packet headers and (compressed) payloads. */
    public long wireBytes() {
        return wireBytes;
    }

    /** Where the receiver told the stream to start (above 0 after a resume); -1 before it answered. */
    public long startPosition() {
        return startPosition;
    }

    /** The last sync point the receiver confirmed, and the position below which all is durable there. */
    public long ackedSync() {
        return ackedSync;
    }

    /** The stream position the receiver confirmed with {@link #ackedSync()}: every byte below it is durable there. */
    public long ackedPosition() {
        return ackedPosition;
    }

    /** Data and zero packets handed to channels. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Cancels a stream still running, closes its channels and the source. */
    @Override
    public void onClose() {
        if (idle != null) {
            idle.cancel();
        }
        if (sender != null) {
            sender.close();
            mirror();
        }
    }
}
