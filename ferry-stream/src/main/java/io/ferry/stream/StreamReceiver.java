package io.ferry.stream;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferStatus;
import io.ferry.file.FileBackend;
import io.ferry.stream.internal.WriteCache;
import io.ferry.stream.link.Connection;
import io.ferry.stream.link.ConnectionHandler;
import io.ferry.stream.prepare.ControlPackets;
import io.ferry.stream.prepare.PacketBuffer;
import io.ferry.stream.receive.Destination;
import io.ferry.stream.receive.ReceiveSlots;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.ManifestEntry;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receives one stream into DEST: a passive component. {@link #accept} gives each new connection its
 * channel handler; {@link #poll()} completes writes, hands free slots to waiting channels, confirms
 * sync points and commits at the end; {@link #checkDeadlines(long)} fails the stream when a channel
 * stays silent too long ("now" is passed in: no clock inside).
 *
 * <p>Channels: the first valid handshake fixes the stream (id, channel count, codec, block size);
 * later connections must match it, with an id in range that is not taken yet, and the token if one is
 * required; others are refused with an ERROR packet and closed, and the stream goes on. Channel 0
 * carries the manifest; the receiver prepares DEST and answers where to start: 0, or with
 * {@link ReceiverOptions#resume()} the position of the matching resume record.
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
    private final ReceiverOptions options;
    private final Agent agent;
    private final FileBackend files;
    private final Path dest;
    private final Path recordPath;
    private final Arena arena = Arena.ofShared();
    private final List<ReceiverChannel> connections = new ArrayList<>();
    private final ArrayDeque<ReceiverChannel> waiting = new ArrayDeque<>();
    private ReceiverChannel[] channels;
    private StreamState state = StreamState.OPENING;
    private FerryException failure;
    private long streamId;
    private int blockSize;
    private int codecId;
    private int connected;
    private int refused;
    private ControlPackets refusals;
    private byte[] manifestBytes = new byte[0];
    private long manifestReceived;
    private Manifest manifest;
    private Destination destination;
    private ReceiveSlots slots;
    private MemorySegment[] fullLandings;
    private Transfer[] writes;
    private WriteCache cache;
    private int writesInFlight;
    private ResumeRecord record;
    private long bytesWritten;
    private boolean waitingForChannels;
    private long waitingSinceNs;

    public StreamReceiver(ReceiverOptions options, Agent agent, FileBackend files, Path dest) {
        this.options = options;
        this.agent = agent;
        this.files = files;
        this.dest = dest;
        this.recordPath = options.recordFor(dest);
    }

    /** The handler of a newly accepted connection. */
    public ConnectionHandler accept(Connection connection) {
        ReceiverChannel channel = new ReceiverChannel(this, connection);
        connections.add(channel);
        if (state.isFinal()) {
            channel.close(new FerryException(ErrorCode.CLOSED, "the stream has ended"));
        }
        return channel;
    }

    public StreamState state() {
        return state;
    }

    /** Why the stream failed, or null. */
    public FerryException failure() {
        return failure;
    }

    /** Connections refused (bad or duplicate handshakes), which did not fail the stream. */
    public int refusals() {
        return refused;
    }

    /** The manifest, once received. */
    public Manifest manifest() {
        return manifest;
    }

    /** Bytes of payload written so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The resume record's path. */
    public Path recordPath() {
        return recordPath;
    }

    // ---- called by channels ----

    /** Admits a valid handshake, or says why not. */
    FerryException admit(ReceiverChannel channel, ByteBuffer handshake) {
        if (state != StreamState.OPENING && state != StreamState.RUNNING) {
            return new FerryException(ErrorCode.CLOSED, "the stream has ended");
        }
        if (options.token() != null && !Handshake.tokenEquals(handshake, 0, options.token())) {
            return new FerryException(ErrorCode.ACCESS_DENIED, "wrong stream token");
        }
        long id = Handshake.streamId(handshake, 0);
        int channelId = Handshake.channel(handshake, 0);
        if (channels == null) {
            if (options.streamId() != 0 && id != options.streamId()) {
                return new FerryException(ErrorCode.PROTOCOL_ERROR, "unknown stream " + Long.toHexString(id));
            }
            streamId = id;
            blockSize = Handshake.blockSize(handshake, 0);
            codecId = Handshake.codec(handshake, 0);
            channels = new ReceiverChannel[Handshake.channelCount(handshake, 0)];
        } else if (id != streamId) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "unknown stream " + Long.toHexString(id));
        } else if (Handshake.channelCount(handshake, 0) != channels.length || Handshake.blockSize(handshake, 0) != blockSize
                || Handshake.codec(handshake, 0) != codecId) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "channel " + channelId + " disagrees with the stream's "
                    + "channel count, block size or codec");
        }
        if (channels[channelId] != null) {
            return new FerryException(ErrorCode.PROTOCOL_ERROR, "duplicate channel " + channelId);
        }
        channels[channelId] = channel;
        connected++;
        return null;
    }

    /** The packets an admitted channel sends back (acknowledgements, errors). */
    ControlPackets controlPackets(int channel) {
        return new ControlPackets(arena, 0, channel, streamId, PacketHeader.MAX_ERROR_MESSAGE);
    }

    /** Room for the manifest pieces and error messages an admitted channel receives. */
    MemorySegment scratch() {
        return Memory.allocate(arena, ControlPackets.MANIFEST_PIECE);
    }

    /**
     * The ERROR packet that tells a refused connection why, in a buffer of its own: refusals are not
     * bounded by the channel count, so they take nothing from the receiver's arena.
     */
    ByteBuffer refusal(FerryException cause) {
        if (refusals == null) {
            refusals = new ControlPackets(arena, 0, 0, streamId, PacketHeader.MAX_ERROR_MESSAGE);
        }
        refused++;
        ByteBuffer packet = refusals.error(cause.errorCode().code(), cause.getMessage()).buffer();
        return ByteBuffer.allocateDirect(packet.remaining()).put(packet).flip();
    }

    /** A connection closed: it is no longer told about failures or checked for silence. */
    void closed(ReceiverChannel channel) {
        connections.remove(channel);
    }

    boolean started() {
        return manifest != null;
    }

    long streamId() {
        return streamId;
    }

    int blockSize() {
        return blockSize;
    }

    int codecId() {
        return codecId;
    }

    ReceiveSlots slots() {
        return slots;
    }

    boolean needsZeros() {
        return destination.needsZeros();
    }

    /** Memory for {@code length} bytes of raw payload in slot {@code slot}; a full block's view is made once. */
    MemorySegment dataLanding(int slot, int length) {
        return length == blockSize ? fullLandings[slot] : slots.data(slot).memory().asSlice(PacketBuffer.PAYLOAD_AT, length);
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
        if (total > options.maxManifestBytes() || offset != manifestReceived) {
            fail(new FerryException(ErrorCode.PROTOCOL_ERROR, total > options.maxManifestBytes()
                    ? "the manifest is larger than " + options.maxManifestBytes() + " bytes" : "manifest pieces out of order"));
            return;
        }
        int length = piece.remaining();
        if (manifestBytes.length < manifestReceived + length) {
            manifestBytes = Arrays.copyOf(manifestBytes, (int) Math.min(total, Math.max(2L * manifestBytes.length,
                    manifestReceived + length)));
        }
        piece.get(piece.position(), manifestBytes, (int) manifestReceived, length);
        manifestReceived += length;
        if (manifestReceived == total) {
            begin();
        }
    }

    /** The manifest is complete: validate it, prepare DEST, and tell the sender where to start. */
    private void begin() {
        ManifestCodec.Result result = ManifestCodec.decode(ByteBuffer.wrap(manifestBytes), blockSize);
        if (!result.check().isOk()) {
            fail(new FerryException(ErrorCode.PROTOCOL_ERROR, "the sender's manifest is invalid: "
                    + result.check().description()));
            return;
        }
        Manifest decoded = result.manifest();
        if (!decoded.isSingle() && decoded.entries().stream().anyMatch(e -> e.path().isEmpty())) {
            fail(new FerryException(ErrorCode.PROTOCOL_ERROR, "the sender's manifest names the destination itself"));
            return;
        }
        ResumeRecord previous = options.resume()
                ? ResumeRecord.load(recordPath).filter(r -> r.matches(decoded, blockSize)).orElse(null) : null;
        record = previous != null ? previous : ResumeRecord.start(decoded, blockSize);
        try {
            destination = new Destination(decoded, files, dest, previous != null);
            record.save(recordPath);
        } catch (FerryException e) {
            fail(e);
            return;
        }
        manifest = decoded;
        int count = options.slotsPerChannel() * channels.length;
        slots = new ReceiveSlots(arena, count, blockSize);
        fullLandings = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            fullLandings[i] = slots.data(i).memory().asSlice(PacketBuffer.PAYLOAD_AT, blockSize);
        }
        writes = new Transfer[count];
        cache = new WriteCache(agent, count, blockSize, blockSize);
        state = StreamState.RUNNING;
        channels[0].ack(record.syncId(), record.position());
    }

    void waitForSlot(ReceiverChannel channel) {
        waiting.add(channel);
    }

    /** Writes {@code length} bytes of slot {@code slot} at stream offset {@code offset}; the slot is freed when done. */
    void write(int slot, long offset, int length) {
        int file = manifest.fileAt(offset);
        ManifestEntry entry = manifest.file(file);
        try {
            Transfer transfer = cache.transfer(slot, slots.data(slot).memory(), PacketBuffer.PAYLOAD_AT, length,
                    destination.target(file), offset - entry.base());
            transfer.post();
            writes[slot] = transfer;
            writesInFlight++;
            bytesWritten += length;
        } catch (FerryException e) {
            slots.release(slot);
            fail(e);
        }
    }

    void channelLost(ReceiverChannel channel, FerryException cause) {
        if (channel.id < 0 || channels == null || channels[channel.id] != channel) {
            return;
        }
        fail(new FerryException(cause == null ? ErrorCode.CLOSED : cause.errorCode(), "channel " + channel.id
                + " was lost before the stream ended: " + (cause == null ? "closed" : cause.getMessage()), cause));
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
        int work = agent.isSelfDriven() ? agent.poll() : 0;
        if (writes == null) {
            return work;
        }
        for (int slot = 0; slot < writes.length; slot++) {
            Transfer transfer = writes[slot];
            if (transfer != null && transfer.state().isComplete()) {
                writes[slot] = null;
                writesInFlight--;
                slots.release(slot);
                TransferStatus status = transfer.status();
                if (!status.isDone()) {
                    fail(writeFailure(status));
                }
                work++;
            }
        }
        while (state == StreamState.RUNNING && !waiting.isEmpty()) {
            int slot = slots.acquire();
            if (slot < 0) {
                break;
            }
            waiting.poll().slotFree(slot);
            work++;
        }
        if (state == StreamState.RUNNING && writesInFlight == 0 && connected == channels.length) {
            work += confirm();
        }
        return work;
    }

    private static FerryException writeFailure(TransferStatus status) {
        try {
            status.throwIfFailed();
            return new FerryException(ErrorCode.ILLEGAL_STATE, "a write did not complete");
        } catch (FerryException e) {
            return e;
        }
    }

    /** A sync point every channel reached, or the end every channel reached. */
    private int confirm() {
        long syncId = channels[0].syncId;
        boolean allAtSync = true;
        boolean allEnded = true;
        for (ReceiverChannel channel : channels) {
            allAtSync &= channel.state == ReceiverChannel.State.AT_SYNC && channel.syncId == syncId;
            allEnded &= channel.state == ReceiverChannel.State.ENDED;
        }
        try {
            if (allAtSync) {
                destination.sync();
                record = record.at(syncId, channels[0].syncPosition);
                record.save(recordPath);
                channels[0].ack(syncId, record.position());
                for (ReceiverChannel channel : channels) {
                    channel.releaseSync();
                }
                return 1;
            }
            if (allEnded) {
                cache.close();
                destination.commit();
                ResumeRecord.delete(recordPath);
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
        if (channels != null && connected < channels.length) {
            if (!waitingForChannels) {
                waitingForChannels = true;
                waitingSinceNs = nowNs;
            } else if (nowNs - waitingSinceNs > options.idleTimeoutNs()) {
                fail(new FerryException(ErrorCode.TIMED_OUT, "only " + connected + " of the stream's " + channels.length
                        + " channels connected within " + options.idleTimeoutNs() / 1_000_000 + " ms"));
                return;
            }
        }
        for (ReceiverChannel channel : connections) {
            boolean held = channel.state == ReceiverChannel.State.AT_SYNC || channel.state == ReceiverChannel.State.ENDED
                    || channel.state == ReceiverChannel.State.WAIT_SLOT || channel.state == ReceiverChannel.State.WAIT_ZERO_SLOT;
            if (channel.state == ReceiverChannel.State.CLOSED) {
                continue;
            }
            if (channel.lastActivity != channel.activity || held) {
                channel.lastActivity = channel.activity;
                channel.lastActiveNs = nowNs;
            } else if (nowNs - channel.lastActiveNs > options.idleTimeoutNs()) {
                fail(new FerryException(ErrorCode.TIMED_OUT, "channel " + (channel.id < 0 ? "(no handshake)" : channel.id)
                        + " received nothing for " + options.idleTimeoutNs() / 1_000_000 + " ms"));
                return;
            }
        }
    }

    /**
     * Fails the stream if it has not ended, waits for writes in flight, closes the files (temporary files
     * and the record stay after a failure) and frees the buffers. Idempotent.
     */
    @Override
    public void close() {
        fail(new FerryException(ErrorCode.CANCELLED, "the stream receiver was closed"));
        if (writes != null) {
            for (Transfer transfer : writes) {
                if (transfer != null) {
                    transfer.await();
                }
            }
            writes = null;
        }
        if (cache != null) {
            cache.close();
        }
        if (destination != null) {
            destination.close();
        }
        for (ReceiverChannel channel : connections) {
            channel.closeDecoders();
        }
        for (ReceiverChannel channel : channels == null ? new ReceiverChannel[0] : channels) {
            if (channel != null) {
                channel.closeDecoders();
            }
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
