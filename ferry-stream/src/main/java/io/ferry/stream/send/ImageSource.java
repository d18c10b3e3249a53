package io.ferry.stream.send;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.stream.internal.FileReads;
import io.ferry.stream.prepare.Batch;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.prepare.Decoder;
import io.ferry.stream.prepare.PacketBuffer;
import io.ferry.stream.prepare.PacketChecksum;
import io.ferry.stream.source.Source;
import io.ferry.stream.wire.CodecId;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;
import io.ferry.stream.wire.ManifestEntry;
import io.ferry.stream.wire.PacketHeader;
import io.ferry.stream.wire.PacketType;
import io.ferry.stream.wire.WireCheck;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads a stream image ({@link ImageWriter}) back as a source: block by block, each slot's packet is
 * checked (header, checksum), decoded and produced at its offset; a slot never written is a block of
 * zeros. Any stream can then carry it on (to a receiver, or into another image). Refuses an image
 * whose head lacks the complete flag: it was interrupted.
 */
public final class ImageSource implements Source {
    private final FileReads reads = new FileReads();
    private final Arena arena = Arena.ofShared();
    private final Path image;
    private final int fd;
    private final Manifest manifest;
    private final int blockSize;
    private final long dataStart;
    private final PacketBuffer scratch;
    private final PacketChecksum checksum = new PacketChecksum();
    private final Decoder[] decoders = new Decoder[CodecId.LIMIT];
    private int file;
    private long position;
    private boolean closed;

    public ImageSource(Path image) {
        this.image = image;
        this.fd = reads.open(image.toString());
        if (fd < 0) {
            reads.close();
            throw Errno.failure("open", image.toString(), -fd);
        }
        try {
            PacketBuffer head = new PacketBuffer(arena, 0, ImageHead.SIZE);
            read(head, 0, ImageHead.SIZE, 0);
            ByteBuffer bytes = head.buffer();
            if (bytes.getInt(ImageHead.MAGIC) != ImageHead.MAGIC_VALUE
                    || bytes.get(ImageHead.VERSION) != ImageHead.VERSION_VALUE) {
                throw corrupt("it is not a stream image");
            }
            if (bytes.get(ImageHead.COMPLETE) != 1) {
                throw new FerryException(ErrorCode.ILLEGAL_STATE, image + " is an incomplete stream image (its writing was interrupted)");
            }
            blockSize = bytes.getInt(ImageHead.BLOCK_SIZE);
            int manifestLength = bytes.getInt(ImageHead.MANIFEST_LENGTH);
            dataStart = bytes.getLong(ImageHead.DATA_START);
            if (blockSize < 4096 || blockSize > 16 << 20 || Integer.bitCount(blockSize) != 1 || manifestLength < 1
                    || manifestLength > 64 << 20 || dataStart != ImageHead.dataStart(manifestLength)) {
                throw corrupt("its head is malformed");
            }
            PacketBuffer manifestBuffer = new PacketBuffer(arena, 0, manifestLength);
            read(manifestBuffer, PacketBuffer.PAYLOAD_AT, manifestLength, ImageHead.SIZE);
            ManifestCodec.Result result = ManifestCodec.decode(
                    manifestBuffer.buffer().position(PacketBuffer.PAYLOAD_AT).limit(PacketBuffer.PAYLOAD_AT + manifestLength),
                    blockSize);
            if (!result.check().isOk()) {
                throw corrupt("its manifest is invalid: " + result.check().description());
            }
            manifest = result.manifest();
            scratch = new PacketBuffer(arena, 0, blockSize);
        } catch (FerryException e) {
            close();
            throw e;
        }
    }

    /** The image's block size: the stream that carries it on must use the same. */
    public int blockSize() {
        return blockSize;
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    @Override
    public int next(Batch batch) {
        while (file < manifest.files().size() && position >= manifest.file(file).end()) {
            file++;
            if (file < manifest.files().size()) {
                position = Math.max(position, manifest.file(file).base());
            }
        }
        if (file == manifest.files().size()) {
            return END;
        }
        ManifestEntry entry = manifest.file(file);
        long slot = dataStart + position / blockSize * ImageHead.slotSize(blockSize);
        int headerAt = PacketBuffer.HEADER_AT;
        boolean beyondEnd = !read(batch.buffer(), headerAt, PacketHeader.SIZE, slot, true);
        ByteBuffer header = batch.buffer().buffer();
        if (beyondEnd || header.getInt(headerAt) == 0) {
            long length = Math.min(blockSize, entry.end() - position);
            batch.zero(position, length);
        } else {
            produce(batch, header, headerAt, slot, entry);
        }
        position = batch.offset() + batch.length();
        return PRODUCED;
    }

    private void produce(Batch batch, ByteBuffer header, int headerAt, long slot, ManifestEntry entry) {
        WireCheck check = PacketHeader.check(header, headerAt, blockSize);
        PacketType type = PacketHeader.type(header, headerAt);
        long offset = PacketHeader.offset(header, headerAt);
        long length = PacketHeader.length(header, headerAt);
        if (!check.isOk() || (type != PacketType.DATA && type != PacketType.ZERO) || offset != position
                || offset + length > entry.end()) {
            throw corrupt("the slot at " + slot + " holds no packet for stream offset " + position);
        }
        int wire = PacketHeader.wireLength(header, headerAt);
        int codec = PacketHeader.codec(header, headerAt);
        PacketBuffer landing = codec == CodecId.NONE ? batch.buffer() : scratch;
        if (wire > 0) {
            read(landing, PacketBuffer.PAYLOAD_AT, wire, slot + PacketHeader.SIZE);
        }
        if (!checksum.verify(header, headerAt, landing.buffer(), PacketBuffer.PAYLOAD_AT, wire)) {
            throw corrupt("the packet at stream offset " + offset + " fails its checksum");
        }
        if (type == PacketType.ZERO) {
            batch.zero(offset, length);
            return;
        }
        if (codec != CodecId.NONE && decoder(codec).decode(scratch, PacketBuffer.PAYLOAD_AT, wire, batch.buffer(),
                PacketBuffer.PAYLOAD_AT, (int) length) < 0) {
            throw corrupt("the packet at stream offset " + offset + " does not decode");
        }
        batch.data(offset, (int) length);
    }

    private Decoder decoder(int codec) {
        if (decoders[codec] == null) {
            decoders[codec] = Codec.newDecoder(codec);
        }
        return decoders[codec];
    }

    private void read(PacketBuffer into, int at, int length, long offset) {
        read(into, at, length, offset, false);
    }

    /** Reads exactly; false when the image ends first and {@code mayEnd} (a slot never written at its end). */
    private boolean read(PacketBuffer into, int at, int length, long offset, boolean mayEnd) {
        long result = reads.readFully(fd, into.memory(), at, length, offset);
        if (result == FileReads.PAST_END) {
            if (mayEnd) {
                return false;
            }
            throw corrupt("it ends before offset " + (offset + length));
        }
        if (result < 0) {
            throw Errno.failure("pread", image.toString(), (int) -result);
        }
        return result == 0;
    }

    private FerryException corrupt(String why) {
        return new FerryException(ErrorCode.VERIFY_FAILED, "cannot read the stream image " + image + ": " + why);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
        file = 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (fd >= 0) {
            reads.close(fd);
        }
        reads.close();
        for (Decoder decoder : decoders) {
            if (decoder != null) {
                decoder.close();
            }
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
