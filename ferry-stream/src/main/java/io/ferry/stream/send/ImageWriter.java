package io.ferry.stream.send;

import io.ferry.Agent;
import io.ferry.ThreadingMode;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.stream.ResumeRecord;
import io.ferry.stream.internal.DestinationLock;
import io.ferry.stream.internal.WriteCache;
import io.ferry.stream.prepare.PacketBuffer;
import io.ferry.stream.prepare.PreparedPacket;
import io.ferry.stream.prepare.ZeroBlocks;
import io.ferry.stream.wire.EndOfStream;
import io.ferry.stream.wire.Handshake;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.SyncPacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The file transport: a stream written into a local file or device at fixed offsets, through
 * ferry-file's positional writes (QEMU's mapped-ram). Each packet, header and payload as prepared, goes
 * to the slot of its block ({@link ImageHead}), so channels write in any order and a packet written
 * twice lands in the same place. Read it back with {@link ImageSource}.
 *
 * <p>It answers like a receiver: a sync point completes once every channel has reached it with no
 * write in flight; the image is then fsynced and a {@link ResumeRecord} saved beside it before the
 * sync is confirmed and the channels go on. A channel is held at its sync until then, so no later
 * write can overtake an earlier one of the same slot. At the end the head is rewritten with its
 * complete flag and the record removed; an image without the flag is partial.
 *
 * <p>Threads: polled by the sender's thread; {@link #poll()} drives the agent when it is self-driven.
 */
public final class ImageWriter implements AutoCloseable {
    private final Agent agent;
    private final FileBackend files;
    private final Path image;
    private final Path recordPath;
    private final Writer[] writers;
    /** Keeps other writers out of the image until {@link #close()}; null once closed. */
    private DestinationLock lock;
    private FileTarget target;
    private WriteCache cache;
    private byte[] manifest;
    private int manifestReceived;
    private int blockSize;
    private long streamId;
    private long dataStart;
    private ResumeRecord record;
    private boolean startPending;
    private boolean done;

    /** One channel's send op into the image. */
    private final class Writer implements SendOp {
        final int id;
        final SendListener listener;
        Transfer inFlight;
        boolean sentPending;
        long syncId;
        long syncPosition;
        boolean ended;
        long endPosition;
        long endSync;

        Writer(int id, SendListener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override
        public void send(PreparedPacket packet) {
            accept(this, packet);
        }

        @Override
        public int poll() {
            return ImageWriter.this.poll();
        }

        @Override
        public void close(FerryException cause) {
            ImageWriter.this.close();
        }
    }

    /**
     * @param image      the image file or device
     * @param recordPath where the resume record is kept (usually beside the image)
     * @param channels   the channels the sender will open
     * @throws FerryException {@link ErrorCode#ILLEGAL_STATE} when another writer, in any process, writes the
     *                        image (see {@link DestinationLock})
     */
    public ImageWriter(Agent agent, FileBackend files, Path image, Path recordPath, int channels) {
        this.agent = agent;
        this.files = files;
        this.image = image;
        this.recordPath = recordPath;
        this.writers = new Writer[channels];
        this.lock = DestinationLock.acquire(DestinationLock.besideRecord(recordPath), image + " is being written");
    }

    /** The send op of channel {@code id}. */
    public SendOp channel(int id, SendListener listener) {
        writers[id] = new Writer(id, listener);
        return writers[id];
    }

    private void accept(Writer writer, PreparedPacket packet) {
        ByteBuffer bytes = packet.packetBuffer().buffer();
        int at = packet.start();
        if (bytes.getInt(at) == Handshake.MAGIC_VALUE) {
            blockSize = Handshake.blockSize(bytes, at);
            streamId = Handshake.streamId(bytes, at);
            writer.sentPending = true;
            return;
        }
        switch (PacketHeader.type(bytes, at)) {
            case MANIFEST -> addManifest(bytes, at);
            case DATA, ZERO -> {
                writeSlot(writer, packet);
                return;
            }
            case SYNC -> {
                writer.syncId = SyncPacket.syncId(bytes, at);
                writer.syncPosition = SyncPacket.position(bytes, at);
                return;
            }
            case END -> {
                writer.ended = true;
                writer.endPosition = EndOfStream.position(bytes, at);
                writer.endSync = EndOfStream.syncId(bytes, at);
                return;
            }
            default -> throw new FerryException(ErrorCode.ILLEGAL_STATE, "a sender does not send "
                    + PacketHeader.type(bytes, at) + " packets");
        }
        writer.sentPending = true;
    }

    private void addManifest(ByteBuffer bytes, int at) {
        if (manifest == null) {
            manifest = new byte[(int) PacketHeader.length(bytes, at)];
        }
        int wire = PacketHeader.wireLength(bytes, at);
        bytes.get(at + PacketHeader.SIZE, manifest, (int) PacketHeader.offset(bytes, at), wire);
        manifestReceived += wire;
        if (manifestReceived == manifest.length) {
            begin();
        }
    }

    /** The whole manifest is here: open the image (kept when resuming), write its head, and say where to start. */
    private void begin() {
        Manifest decoded = ManifestCodec.decode(ByteBuffer.wrap(manifest), blockSize).manifest();
        ResumeRecord previous = ResumeRecord.load(recordPath).filter(r -> r.matches(decoded, blockSize)).orElse(null);
        record = previous != null ? previous : ResumeRecord.start(decoded, blockSize);
        record.save(recordPath); // before the image is cut to nothing: see StreamReceiver
        target = previous != null ? files.open(image, OpenFlag.READ, OpenFlag.WRITE)
                : files.open(image, OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE);
        dataStart = ImageHead.dataStart(manifest.length);
        cache = new WriteCache(agent, PacketBuffer.idsOfSender(writers.length), blockSize + 2 * PacketBuffer.PAGE,
                PacketBuffer.PAGE);
        writeHead(false);
        startPending = true;
    }

    private void writeHead(boolean complete) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment head = Memory.allocate(arena, dataStart);
            ByteBuffer view = head.asByteBuffer();
            ImageHead.write(view, complete, blockSize, manifest.length, streamId, dataStart);
            view.put(ImageHead.SIZE, manifest);
            try (Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(head, target, 0)))) {
                write.post();
                write.await().throwIfFailed();
            }
        }
    }

    private void writeSlot(Writer writer, PreparedPacket packet) {
        ByteBuffer bytes = packet.packetBuffer().buffer();
        long offset = PacketHeader.offset(bytes, packet.start());
        if (offset % blockSize != 0) {
            writer.listener.onFailed(writer.id, new FerryException(ErrorCode.INVALID_ARGUMENT,
                    "the file transport needs block-aligned payloads; offset " + offset + " is not"));
            return;
        }
        int length = packet.length();
        int rounded = (length + PacketBuffer.PAGE - 1) & -PacketBuffer.PAGE;
        MemorySegment memory = packet.packetBuffer().memory();
        MemorySegment.copy(ZeroBlocks.ZEROS, 0, memory, packet.start() + length, rounded - length);
        long slot = dataStart + offset / blockSize * ImageHead.slotSize(blockSize);
        writer.inFlight = cache.transfer(packet.packetBuffer().id(), memory, packet.start(), rounded, target, slot);
        writer.inFlight.post();
    }

    /** Completes writes, reports sent packets, confirms sync points and the end. Returns the work done. */
    public int poll() {
        int work = agent.threadingMode() == ThreadingMode.INVOKER ? agent.poll() : 0;
        boolean idle = true;
        for (Writer writer : writers) {
            if (writer == null) {
                return work;
            }
            if (writer.inFlight != null && writer.inFlight.state().isComplete()) {
                TransferStatus status = writer.inFlight.status();
                writer.inFlight = null;
                if (!status.isDone()) {
                    writer.listener.onFailed(writer.id, failure(status));
                    return work + 1;
                }
                writer.sentPending = true;
            }
            idle &= writer.inFlight == null;
        }
        for (Writer writer : writers) {
            if (writer.sentPending) {
                writer.sentPending = false;
                writer.listener.onSent(writer.id);
                work++;
            }
        }
        if (startPending) {
            startPending = false;
            writers[0].listener.onAck(record.syncId(), record.position());
            work++;
        }
        return work + (idle ? confirm() : 0);
    }

    private int confirm() {
        long syncId = writers[0].syncId;
        boolean allAtSync = syncId > 0;
        boolean allEnded = !done;
        for (Writer writer : writers) {
            allAtSync &= writer.syncId == syncId;
            allEnded &= writer.ended;
        }
        if (allAtSync) {
            target.sync();
            record = record.at(syncId, writers[0].syncPosition);
            record.save(recordPath);
            for (Writer writer : writers) {
                writer.syncId = 0;
                writer.listener.onSent(writer.id);
            }
            writers[0].listener.onAck(record.syncId(), record.position());
            return 1;
        }
        if (allEnded) {
            done = true;
            target.sync();
            writeHead(true);
            target.sync();
            ResumeRecord.delete(recordPath);
            writers[0].listener.onAck(writers[0].endSync, writers[0].endPosition);
            return 1;
        }
        return 0;
    }

    private FerryException failure(TransferStatus status) {
        try {
            status.throwCauseIfFailed();
            return new FerryException(ErrorCode.ILLEGAL_STATE, "write did not complete");
        } catch (FerryException e) {
            return new FerryException(e.errorCode(), "writing the stream image " + image + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits for writes in flight, releases the transfers and closes the image. Idempotent. */
    @Override
    public void close() {
        for (Writer writer : writers) {
            if (writer != null && writer.inFlight != null) {
                writer.inFlight.await();
                writer.inFlight = null;
            }
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
        if (target != null) {
            target.close();
            target = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
