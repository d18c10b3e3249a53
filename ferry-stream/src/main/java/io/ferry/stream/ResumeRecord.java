package io.ferry.stream;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.stream.internal.Durable;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The last sync point a receiving end confirmed, kept durably beside the destination (docs/design/stream.md,
 * "Resume record"): which stream it belongs to (a digest of its manifest and its block size), the sync id,
 * and the position below which every byte is durable. A resumed stream with the same manifest starts at
 * {@link #position()} and re-sends nothing below it.
 *
 * <p>Written as a 64-byte file: to a temporary name, fsynced, renamed over the old record, and the
 * directory fsynced; so a crash leaves the old record or the new one, never a torn one (a torn or
 * foreign file reads as no record).
 *
 * @param digest    the first 16 bytes of the SHA-256 of the encoded manifest
 * @param blockSize the stream's block size
 * @param syncId    the confirmed sync point
 * @param position  everything below this stream offset is durable
 */
public record ResumeRecord(byte[] digest, int blockSize, long syncId, long position) {
    /** Checks the digest's length and copies it, so that the record cannot change after it was made. */
    public ResumeRecord {
        if (digest == null || digest.length != DIGEST_LENGTH) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a resume record's digest has " + DIGEST_LENGTH + " bytes");
        }
        digest = digest.clone();
    }

    /** The record file's size in bytes. */
    public static final int SIZE = 64;
    /** The magic number a record starts with: "FRYR". */
    public static final int MAGIC_VALUE = 0x46525952;
    /** The version of the record format this code writes and reads. */
    public static final int VERSION_VALUE = 1;
    /** Offset of the magic number, u32: {@link #MAGIC_VALUE}. */
    public static final int MAGIC = 0;
    /** Offset of the format version, u32: {@link #VERSION_VALUE}. */
    public static final int VERSION = 4;
    /** Offset of the stream's block size, u32, followed by 4 reserved bytes. */
    public static final int BLOCK_SIZE = 8;
    /** Offset of the manifest's digest, {@link #DIGEST_LENGTH} bytes. */
    public static final int DIGEST = 16;
    /** The digest's length in bytes. */
    public static final int DIGEST_LENGTH = 16;
    /** Offset of the confirmed sync point's number, u64. */
    public static final int SYNC_ID = 32;
    /** Offset of the durable position, u64, followed by 12 reserved bytes. */
    public static final int POSITION = 40;
    /** Offset of the checksum, u32: CRC32C of bytes [0, 60). */
    public static final int CHECKSUM = 60;

    /** The record of a stream that has not confirmed anything yet. */
    public static ResumeRecord start(Manifest manifest, int blockSize) {
        return new ResumeRecord(digest(manifest), blockSize, 0, 0);
    }

    /** The same stream at a later sync point. */
    public ResumeRecord at(long syncId, long position) {
        return new ResumeRecord(digest, blockSize, syncId, position);
    }

    /** True when this record belongs to a stream of {@code manifest} and {@code blockSize}. */
    public boolean matches(Manifest manifest, int blockSize) {
        return this.blockSize == blockSize && Arrays.equals(digest, digest(manifest));
    }

    static byte[] digest(Manifest manifest) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(ManifestCodec.encode(manifest));
            return Arrays.copyOf(sha, DIGEST_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The record at {@code path}; empty when there is none or it is torn or foreign. */
    public static Optional<ResumeRecord> load(Path path) {
        ByteBuffer bytes = ByteBuffer.allocate(SIZE);
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            while (bytes.hasRemaining() && file.read(bytes) >= 0) {
                // read the whole record
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot read resume record " + path + ": " + e.getMessage(), e);
        }
        if (bytes.hasRemaining() || bytes.getInt(MAGIC) != MAGIC_VALUE || bytes.getInt(VERSION) != VERSION_VALUE
                || bytes.getInt(CHECKSUM) != crc(bytes)) {
            return Optional.empty();
        }
        byte[] digest = new byte[DIGEST_LENGTH];
        bytes.get(DIGEST, digest);
        return Optional.of(new ResumeRecord(digest, bytes.getInt(BLOCK_SIZE), bytes.getLong(SYNC_ID), bytes.getLong(POSITION)));
    }

    /** Replaces the record at {@code path} durably (see the class comment). */
    public void save(Path path) {
        ByteBuffer bytes = ByteBuffer.allocate(SIZE);
        bytes.putInt(MAGIC, MAGIC_VALUE).putInt(VERSION, VERSION_VALUE).putInt(BLOCK_SIZE, blockSize)
                .put(DIGEST, digest).putLong(SYNC_ID, syncId).putLong(POSITION, position);
        bytes.putInt(CHECKSUM, crc(bytes));
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                file.force(true);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new FerryException(ErrorCode.IO_ERROR, "cannot replace resume record " + path + " atomically", e);
            }
            Durable.syncDirectory(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot write resume record " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes the record (the stream completed). */
    public static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot remove resume record " + path + ": " + e.getMessage(), e);
        }
    }

    private static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, CHECKSUM);
        return (int) crc.getValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResumeRecord r && Arrays.equals(digest, r.digest) && blockSize == r.blockSize
                && syncId == r.syncId && position == r.position;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) * 31 + Long.hashCode(position);
    }

    /** The digest: a copy, so that the record stays unchanged. */
    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
