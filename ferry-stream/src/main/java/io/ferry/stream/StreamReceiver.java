package io.ferry.stream;

import io.ferry.Agent;
import io.ferry.ThreadingMode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.file.FileBackend;
import io.ferry.stream.link.Connection;
import io.ferry.stream.link.ConnectionHandler;
import io.ferry.stream.prepare.ControlPackets;
import io.ferry.stream.receive.ManifestPieces;
import io.ferry.stream.receive.PayloadWrites;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.PacketHeader;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives one stream into DEST: a passive component. {@link #accept} gives each new connection its
 * channel handler; {@link #poll()} completes writes, hands free slots to waiting channels, confirms
 * sync points and commits at the end; {@link #checkDeadlines(long)} fails the stream when a channel
 * stays silent too long ("now" is passed in: no clock inside).
 *
 * <p>Channels ({@link ChannelAdmission}): the first valid handshake fixes the stream; connections that
 * do not match it, duplicates and ids out of range are refused with an ERROR packet and closed, and
 * the stream goes on. Channel 0 carries the manifest; the receiver prepares DEST and answers where to
 * start: 0, or with {@link ReceiverOptions#resume()} the position of the matching resume record.
 *
 * <p>Data: each payload is written at its offset with positional writes through ferry-file, so
 * arrival order does not matter. At a sync point every channel stops until all have reached it and
 * every write is done; then the files are fsynced, the resume record saved, the sync confirmed on
 * channel 0 and the channels read on. At the end DEST is committed (fsync, rename from temporary
 * names, modes) and the record removed.
 *
 * <p>Errors: the first one wins; every channel is told and closed; temporary files and the record
 * stay for a resume; nothing is renamed. A corrupt packet (checksum) fails the stream: it is not
 * re-requested (docs/design/stream.md says why).
 *
 * <p>Threads: owned by one thread, which also drives the connections' callbacks.
 */
public final class StreamReceiver implements AutoCloseable {
    /**
     * Connections held at once, channels and not yet admitted ones: a stream has at most 256 channels;
     * the rest bounds what strangers can make the receiver hold (each has a receive buffer).
     */
    static final int MAX_CONNECTIONS = 256 + 64;
    private final ReceiverOptions options;
    private final Agent agent;
    private final FileBackend files;
    private final Landing landing;
    private final Arena arena = Arena.ofShared();
    private final ChannelAdmission admission;
    private final ManifestPieces pieces;
    private final List<ReceiverChannel> connections = new ArrayList<>();
    private final ArrayDeque<ReceiverChannel> waiting = new ArrayDeque<>();
    private StreamState state = StreamState.OPENING;
    private FerryException failure;
    private Manifest manifest;
    private PayloadWrites writes;
    private long startPosition = -1;
    private long resumedBytes;
    private long holeBytes;

    /**
     * A receiver of one stream into {@code dest}, accepting what {@code options} allow and writing
     * through {@code files} of {@code agent}; it holds native memory until {@link #close()}.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} when {@code dest} cannot take a stream with
     *                        {@code options} ({@link DestinationKind#check}); {@link ErrorCode#ILLEGAL_STATE}
     *                        when another receiver, in any process, is writing {@code dest}
     */
    public StreamReceiver(ReceiverOptions options, Agent agent, FileBackend files, Path dest) {
        this.options = options;
        this.agent = agent;
        this.files = files;
        this.landing = new Landing(dest, options);
        this.admission = new ChannelAdmission(options, arena);
        this.pieces = new ManifestPieces(options.maxManifestBytes());
    }

    /** The handler of a newly accepted connection. */
    public ConnectionHandler accept(Connection connection) {
        ReceiverChannel channel = new ReceiverChannel(this, connection);
        connections.add(channel);
        if (state.isFinal()) {
            channel.close(new FerryException(ErrorCode.CLOSED, "the stream has ended"));
        } else if (connections.size() > MAX_CONNECTIONS) {
            channel.close(new FerryException(ErrorCode.QUEUE_FULL, "more than " + MAX_CONNECTIONS
                    + " connections to one stream receiver"));
        }
        return channel;
    }

    /** Where the receiving side is; see {@link StreamState}. */
    public StreamState state() {
        return state;
    }

    /** Why the stream failed, or null. */
    public FerryException failure() {
        return failure;
    }

    /** Connections refused (bad or duplicate handshakes), which did not fail the stream. */
    public int refusals() {
        return admission.refusals();
    }

    /** The manifest, once received. */
    public Manifest manifest() {
        return manifest;
    }

    /** Bytes of payload written so far (and of zero runs, which only a device is written). */
    public long bytesWritten() {
        return writes == null ? 0 : writes.bytesWritten();
    }

    /**
     * Bytes of the stream's files in place so far: those a resume found ({@link #resumedBytes()}), every
     * payload written since, and every zero run (written to a device, left as a hole in a file). It reaches
     * {@link Manifest#bytes()} when the stream is done.
     */
    public long bytesDone() {
        return resumedBytes + bytesWritten() + holeBytes;
    }

    /** Bytes of the stream's files below where a resume continued ({@link #startPosition()}); 0 for a new stream. */
    public long resumedBytes() {
        return resumedBytes;
    }

    /** Where the stream started: 0, or the position a resume continued from; -1 before the manifest arrived. */
    public long startPosition() {
        return startPosition;
    }

    /** The resume record's path; null when none is kept (a character device). */
    public Path recordPath() {
        return landing.recordPath();
    }

    /** Every byte of the stream below this offset is durable and recorded for a resume (0 before the first sync point). */
    public long durablePosition() {
        return landing.durablePosition();
    }

    // ---- called by channels ----

    ChannelAdmission admission() {
        return admission;
    }

    /** The packets an admitted channel sends back (acknowledgements, errors). */
    ControlPackets controlPackets(int channel) {
        return new ControlPackets(arena, 0, channel, admission.streamId(), PacketHeader.MAX_ERROR_MESSAGE);
    }

    /** Room for the manifest pieces and error messages an admitted channel receives. */
    MemorySegment scratch() {
        return Memory.allocate(arena, ControlPackets.MANIFEST_PIECE);
    }

    /** A connection closed: it is no longer told about failures or checked for silence. */
    void closed(ReceiverChannel channel) {
        connections.remove(channel);
    }

    boolean isOpen() {
        return !state.isFinal();
    }

    boolean started() {
        return manifest != null;
    }

    PayloadWrites writes() {
        return writes;
    }

    boolean needsZeros() {
        return landing.needsZeros();
    }

    /** A zero run of {@code length} bytes left as a hole, which reads zeros: done without a write. */
    void holeLeft(long length) {
        holeBytes += length;
    }

    /** Null when {@code [offset, offset + length)} lies inside one file of the manifest; else why not. */
    FerryException checkRange(long offset, long length) {
        int file = manifest.fileAt(offset);
        if (file < 0 || offset + length > manifest.file(file).end()) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "a packet at stream offset " + offset + " (length "
                    + length + ") lies outside the files of the stream");
        }
        return null;
    }

    void manifestPiece(long offset, long total, ByteBuffer piece) {
        FerryException refused = pieces.add(offset, total, piece);
        if (refused != null) {
            fail(refused);
        } else if (pieces.isComplete()) {
            begin();
        }
    }

    /** The manifest is complete: validate it, prepare DEST, and tell the sender where to start. */
    private void begin() {
        int blockSize = admission.blockSize();
        ManifestCodec.Result result = ManifestCodec.decode(pieces.bytes(), blockSize);
        if (!result.check().isOk()) {
            fail(new FerryException(ErrorCode.PROTOCOL_ERROR, "the sender's manifest is invalid: "
                    + result.check().description()));
            return;
        }
        Manifest decoded = result.manifest();
        ResumeRecord record;
        try {
            record = landing.open(decoded, blockSize, files, options);
        } catch (FerryException e) {
            fail(e);
            return;
        }
        manifest = decoded;
        startPosition = record.position();
        resumedBytes = decoded.bytesBelow(startPosition);
        ReceiverChannel[] channels = admission.channels();
        writes = new PayloadWrites(agent, arena, options.slotsPerChannel() * channels.length, blockSize);
        state = StreamState.RUNNING;
        channels[0].ack(record.syncId(), record.position());
    }

    void waitForSlot(ReceiverChannel channel) {
        waiting.add(channel);
    }

    /** Writes {@code length} bytes of slot {@code slot} at stream offset {@code offset}; the slot is freed when done. */
    void write(int slot, long offset, int length) {
        int file = manifest.fileAt(offset);
        try {
            writes.write(slot, landing.target(file), offset - manifest.file(file).base(), length);
        } catch (FerryException e) {
            fail(landing.inUserTerms(e));
        }
    }

    void channelLost(ReceiverChannel channel, FerryException cause) {
        if (admission.isChannel(channel)) {
            fail(new FerryException(cause == null ? ErrorCode.CLOSED : cause.errorCode(), "channel " + channel.id
                    + " was lost before the stream ended: " + (cause == null ? "closed" : cause.getMessage()), cause));
        }
    }

    /** Fails the stream unless it already ended; the first failure wins and every channel is closed. */
    public void fail(FerryException cause) {
        if (state.isFinal()) {
            return;
        }
        failure = cause;
        state = StreamState.FAILED;
        waiting.clear();
        for (ReceiverChannel channel : List.copyOf(connections)) {
            channel.sendErrorAndClose(cause);
        }
    }

    // ---- duty cycle ----

    /** Does the ready work; returns how much. Never blocks, except for fsync and renames at sync points and the end. */
    public int poll() {
        int work = agent.threadingMode() == ThreadingMode.INVOKER ? agent.poll() : 0;
        if (writes == null) {
            return work;
        }
        try {
            work += writes.reap();
        } catch (FerryException e) {
            fail(landing.inUserTerms(e));
            return work + 1;
        }
        while (state == StreamState.RUNNING && !waiting.isEmpty()) {
            int slot = writes.slots().acquire();
            if (slot < 0) {
                break;
            }
            waiting.poll().slotFree(slot);
            work++;
        }
        if (state == StreamState.RUNNING && writes.isIdle() && admission.allConnected()) {
            work += confirm();
        }
        return work;
    }

    /** A sync point every channel reached, or the end every channel reached. */
    private int confirm() {
        ReceiverChannel[] channels = admission.channels();
        long syncId = channels[0].syncId;
        boolean allAtSync = true;
        boolean allEnded = true;
        for (ReceiverChannel channel : channels) {
            allAtSync &= channel.state == ReceiverChannel.State.AT_SYNC && channel.syncId == syncId;
            allEnded &= channel.state == ReceiverChannel.State.ENDED;
        }
        try {
            if (allAtSync) {
                landing.sync(syncId, channels[0].syncPosition);
                channels[0].ack(syncId, landing.durablePosition());
                for (ReceiverChannel channel : channels) {
                    channel.releaseSync();
                }
                return 1;
            }
            if (allEnded) {
                writes.close();
                landing.commit();
                state = StreamState.DONE;
                channels[0].ack(channels[0].endSync, channels[0].endPosition);
                return 1;
            }
        } catch (FerryException e) {
            fail(e);
            return 1;
        }
        return 0;
    }

    /**
     * Fails the stream when a channel (or a connection that has not sent its handshake) has received
     * nothing for the idle timeout, or when the stream's channels have not all connected within it.
     * {@code nowNs} is the caller's clock ({@link System#nanoTime()}). Channels held at a sync point or
     * waiting for a slot count as active.
     */
    public void checkDeadlines(long nowNs) {
        if (state.isFinal()) {
            return;
        }
        FerryException missing = admission.checkMissing(nowNs, options.idleTimeoutNs());
        if (missing != null) {
            fail(missing);
            return;
        }
        for (ReceiverChannel channel : List.copyOf(connections)) {
            if (!channel.isIdleTooLong(nowNs, options.idleTimeoutNs())) {
                continue;
            }
            String silence = " received nothing for " + options.idleTimeoutNs() / 1_000_000 + " ms";
            if (!admission.isChannel(channel)) {
                // Not one of the stream's channels (yet): a port scanner or a stray client ends only itself.
                channel.close(new FerryException(ErrorCode.TIMED_OUT, "a connection without a handshake" + silence));
                continue;
            }
            fail(new FerryException(ErrorCode.TIMED_OUT, "channel " + channel.id + silence));
            return;
        }
    }

    /**
     * Fails the stream if it has not ended, waits for writes in flight, closes the files (temporary files
     * and the record stay after a failure) and frees the buffers. Idempotent.
     */
    @Override
    public void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        fail(new FerryException(ErrorCode.CANCELLED, "the stream receiver was closed"));
        if (writes != null) {
            writes.close();
        }
        landing.close();
        for (ReceiverChannel channel : connections) {
            channel.closeDecoders();
        }
        ReceiverChannel[] channels = admission.channels();
        for (ReceiverChannel channel : channels == null ? new ReceiverChannel[0] : channels) {
            if (channel != null) {
                channel.closeDecoders();
            }
        }
        arena.close();
    }
}
