package io.ferry.stream.source;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.stream.internal.FileReads;
import io.ferry.stream.prepare.Batch;
import io.ferry.stream.prepare.PacketBuffer;

/**
 * Reads one open file block by block into batches: a block that lies wholly in a hole (SEEK_HOLE)
 * joins a ZERO run and is not read; any other block is read whole (its holes read as zeros).
 * Positions are relative to the file; batches carry stream offsets ({@code base} + position).
 */
final class BlockReader {
    private final FileReads reads;
    private final String path;
    private final int fd;
    private final long size;
    private final long base;
    private final int blockSize;
    private long position;
    private long dataStart = -1;
    private long dataEnd = -1;

    BlockReader(FileReads reads, String path, int fd, long size, long base, int blockSize) {
        this.reads = reads;
        this.path = path;
        this.fd = fd;
        this.size = size;
        this.base = base;
        this.blockSize = blockSize;
    }

    boolean hasMore() {
        return position < size;
    }

    /** Continues at {@code position} within the file. */
    void seek(long position) {
        this.position = Math.min(position, size);
        dataStart = dataEnd = -1;
    }

    /** Fills the batch with the next block or zero run; call only while {@link #hasMore()}. */
    void next(Batch batch) {
        if (position >= dataEnd) {
            dataStart = reads.nextData(fd, position, size);
            dataEnd = dataStart >= size ? size : reads.nextHole(fd, dataStart, size);
        }
        long wholeHoleBlocks = (dataStart - position) / blockSize;
        if (dataStart >= size || wholeHoleBlocks > 0) {
            long end = dataStart >= size ? size : position + wholeHoleBlocks * blockSize;
            batch.zero(base + position, end - position);
            position = end;
            return;
        }
        int length = (int) Math.min(blockSize, size - position);
        long result = reads.readFully(fd, batch.buffer().memory(), PacketBuffer.PAYLOAD_AT, length, position);
        if (result == FileReads.PAST_END) {
            throw new FerryException(ErrorCode.END_OF_FILE, path + " became shorter while it was read");
        }
        if (result < 0) {
            throw Errno.failure("pread", path, (int) -result);
        }
        batch.data(base + position, length);
        position += length;
    }

    void close() {
        reads.close(fd);
    }
}
