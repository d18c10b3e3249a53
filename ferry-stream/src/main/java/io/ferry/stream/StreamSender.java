package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.prepare.Batch;
import io.ferry.stream.prepare.ControlPackets;
import io.ferry.stream.prepare.PacketBuffer;
import io.ferry.stream.prepare.PacketPreparer;
import io.ferry.stream.send.SendListener;
import io.ferry.stream.send.SendOp;
import io.ferry.stream.source.Source;
import io.ferry.stream.wire.ManifestCodec;

import java.lang.foreign.Arena;
import java.util.function.BiFunction;

/**
 * Sends a {@link Source} over N channels: a passive component whose {@link #poll()} does the ready
 * work. Every channel opens with its handshake; channel 0 then sends the manifest and the receiver
 * answers where to start (0, or the last confirmed sync point of an interrupted stream). From then on
 * the scheduler hands the next filled batch to an idle channel by swapping buffers, round robin
 * (QEMU's multifd_send): N + 1 batches, nothing allocated per packet. Every
 * {@link StreamOptions#syncIntervalBytes()} (and on {@link #sync()}) every channel sends a sync point
 * once its packet in flight is done; the far end holds channels at it until all have arrived, so a
 * later write of an offset cannot overtake an earlier one. After the last block every channel sends
 * END, and the stream is DONE when the far end confirms it committed.
 *
 * <p>Errors: the first one wins; every channel is closed with it and the source is closed. A failure
 * of this side ({@link #fail}: the source, a timeout, a cancel) is first sent to the receiver as an
 * ERROR on every channel that opened, behind its packet in flight, so that the receiver reports the
 * reason whichever channel it reads first; a failure a channel reported is not sent back.
 *
 * <p>Threads: owned by one thread, which calls {@link #poll()}; send ops report on it.
 */
public final class StreamSender implements SendListener, AutoCloseable {
    private final StreamOptions options;
    private final Source source;
    private final Arena arena = Arena.ofShared();
    private final SenderChannel[] channels;
    private final byte[] manifest;
    private Batch producer;
    private StreamState state = StreamState.OPENING;
    private FerryException failure;
    private int manifestSent;
    private int nextChannel;
    private long syncId;
    private long syncPending;
    private long syncPosition;
    private long sinceSync;
    private long ackedSync;
    private long ackedPosition;
    private long startPosition = -1;
    /** The source's position when the producer last held nothing: everything below it is with the channels. */
    private long handedPosition;
    private long packetsSent;

    /** A sender of {@code source}; its send ops come from {@link #open}. */
    public StreamSender(StreamOptions options, Source source) {
        this.options = options;
        this.source = source;
        this.manifest = ManifestCodec.encode(source.manifest());
        int n = options.channels();
        this.channels = new SenderChannel[n];
        this.producer = new Batch(new PacketBuffer(arena, n, options.blockSize()));
        for (int i = 0; i < n; i++) {
            PacketPreparer preparer = new PacketPreparer(arena, options.codec(), options.blockSize(), i,
                    options.streamId(), n + 1 + 3 * i);
            channels[i] = new SenderChannel(i, preparer, new Batch(new PacketBuffer(arena, i, options.blockSize())));
        }
    }

    /** Opens the channels: {@code transport} makes the send op of each channel id, reporting to this sender. */
    public StreamSender open(BiFunction<Integer, SendListener, SendOp> transport) {
        for (SenderChannel channel : channels) {
            channel.op = transport.apply(channel.id, this);
        }
        return this;
    }

    /** Where the sending side is; see {@link StreamState}. */
    public StreamState state() {
        return state;
    }

    /** Why the stream failed, or null. */
    public FerryException failure() {
        return failure;
    }

    /** Where the receiver told the stream to start (after a resume, above 0); -1 before it answered. */
    public long startPosition() {
        return startPosition;
    }

    /** The last sync point the far end confirmed, and the position below which all is durable. */
    public long ackedSync() {
        return ackedSync;
    }

    /** The stream position the receiver confirmed with {@link #ackedSync()}: every byte below it is durable. */
    public long ackedPosition() {
        return ackedPosition;
    }

    /** The source's position when the producer last held nothing: every stream byte below it went to a channel. */
    public long handedPosition() {
        return handedPosition;
    }

    /** Bytes put on the channels: headers and (compressed) payloads, control packets included. */
    public long wireBytes() {
        long sum = 0;
        for (SenderChannel channel : channels) {
            sum += channel.wireBytes;
        }
        return sum;
    }

    /** Data and zero packets handed to channels. */
    public long packetsSent() {
        return packetsSent;
    }

    /**
     * Places a sync point after everything handed to channels so far (a batch the producer still holds
     * goes after it); returns its id.
     */
    public long sync() {
        if (syncPending == 0) {
            syncPending = ++syncId;
            syncPosition = handedPosition;
            sinceSync = 0;
        }
        return syncPending;
    }

    /** Does the ready work; returns how much. Never blocks. */
    public int poll() {
        int work = 0;
        for (SenderChannel channel : channels) {
            if (state.isFinal()) {
                return work;
            }
            work += channel.op.poll();
        }
        try {
            return work + switch (state) {
                case OPENING -> open();
                case RUNNING -> syncPending > 0 ? placeSync() : produce();
                case ENDING -> end();
                default -> 0;
            };
        } catch (FerryException e) {
            fail(e);
            return work + 1;
        }
    }

    private int open() {
        int work = 0;
        for (SenderChannel channel : channels) {
            if (channel.idle() && !channel.handshaken) {
                ControlPackets control = channel.preparer.control();
                channel.send(control.handshake(channels.length, options.codec().id(), options.blockSize(), options.token()));
                channel.handshaken = true;
                work++;
            }
        }
        SenderChannel first = channels[0];
        if (first.handshaken && first.idle() && manifestSent < manifest.length) {
            int length = Math.min(ControlPackets.MANIFEST_PIECE, manifest.length - manifestSent);
            first.send(first.preparer.control().manifest(manifest, manifestSent, length));
            manifestSent += length;
            work++;
        }
        return work;
    }

    private int produce() {
        int work = 0;
        while (true) {
            if (producer.kind() == Batch.Kind.EMPTY) {
                int result = source.next(producer);
                if (result == Source.END) {
                    state = StreamState.ENDING;
                    syncId++;
                    return work + 1;
                }
                if (result == Source.PENDING) {
                    return work;
                }
            }
            SenderChannel channel = idleChannel();
            if (channel == null) {
                return work;
            }
            long length = producer.length();
            producer = channel.swapAndSend(producer);
            handedPosition = source.position();
            packetsSent++;
            work++;
            sinceSync += length;
            if (sinceSync >= options.syncIntervalBytes()) {
                sync();
                return work;
            }
        }
    }

    private SenderChannel idleChannel() {
        for (int i = 0; i < channels.length; i++) {
            SenderChannel channel = channels[(nextChannel + i) % channels.length];
            if (channel.idle()) {
                nextChannel = (channel.id + 1) % channels.length;
                return channel;
            }
        }
        return null;
    }

    private int placeSync() {
        int work = 0;
        boolean all = true;
        for (SenderChannel channel : channels) {
            if (channel.syncSent < syncPending) {
                if (channel.idle()) {
                    channel.send(channel.preparer.control().sync(syncPending, syncPosition));
                    channel.syncSent = syncPending;
                    work++;
                } else {
                    all = false;
                }
            }
        }
        if (all) {
            syncPending = 0;
        }
        return work;
    }

    private int end() {
        int work = 0;
        for (SenderChannel channel : channels) {
            if (!channel.endSent && channel.idle()) {
                channel.send(channel.preparer.control().end(syncId, source.position()));
                channel.endSent = true;
                work++;
            }
        }
        return work;
    }

    @Override
    public void onSent(int channel) {
        channels[channel].busy = false;
    }

    @Override
    public void onAck(long ackSyncId, long position) {
        if (state == StreamState.OPENING) {
            if (manifestSent < manifest.length) {
                fail(new FerryException(ErrorCode.PROTOCOL_ERROR, "the receiver answered before the manifest was sent"));
                return;
            }
            startPosition = position;
            syncId = ackSyncId;
            ackedSync = ackSyncId;
            ackedPosition = position;
            source.seek(position);
            handedPosition = source.position();
            state = StreamState.RUNNING;
        } else if (state == StreamState.ENDING && ackSyncId == syncId) {
            ackedSync = ackSyncId;
            ackedPosition = position;
            state = StreamState.DONE;
            closeChannels(null);
        } else if (ackSyncId > ackedSync && ackSyncId <= syncId) {
            ackedSync = ackSyncId;
            ackedPosition = position;
        }
    }

    /** A channel failed (its connection, or the receiver's ERROR): the receiver knows, nothing is sent back. */
    @Override
    public void onFailed(int channel, FerryException cause) {
        if (end(cause)) {
            closeChannels(cause);
        }
    }

    /**
     * Fails the stream with {@code cause} unless it already ended (the first failure wins), and tells
     * the receiver why on every channel that opened.
     */
    public void fail(FerryException cause) {
        if (!end(cause)) {
            return;
        }
        for (SenderChannel channel : channels) {
            if (channel.op == null) {
                continue;
            }
            if (channel.handshaken) {
                channel.op.closeTelling(channel.preparer.control().error(cause.errorCode().code(), cause.getMessage()), cause);
            } else {
                channel.op.close(cause);
            }
        }
    }

    private boolean end(FerryException cause) {
        if (state.isFinal()) {
            return false;
        }
        failure = cause;
        state = StreamState.FAILED;
        return true;
    }

    private void closeChannels(FerryException cause) {
        for (SenderChannel channel : channels) {
            if (channel.op != null) {
                channel.op.close(cause);
            }
        }
    }

    /** Fails the stream if it is still running, closes every channel, the source, and frees the buffers. Idempotent. */
    @Override
    public void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        // Its buffers go now, so nothing is sent from them any more, not even an ERROR.
        end(new FerryException(ErrorCode.CANCELLED, "the stream sender was closed"));
        closeChannels(failure);
        source.close();
        for (SenderChannel channel : channels) {
            channel.preparer.close();
        }
        arena.close();
    }
}
