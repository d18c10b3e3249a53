package io.ferry.file;

import io.ferry.spi.TransferProgress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where every chunk of a file plan goes, in one {@code long[]} so that many prepared plans stay
 * compact: per descriptor its extent, memory, file descriptors and how it is cut into chunks; per
 * shard a cursor.
 *
 * <p>How a descriptor is cut: on a file opened without O_DIRECT, into chunks of the chunk size. On
 * an O_DIRECT file, its page-aligned middle goes to the direct descriptor in chunks of the chunk
 * size, and the unaligned head and tail (or the whole descriptor, when it holds no aligned page)
 * go to the file's buffered twin, where the kernel does the read-modify-write under its page lock.
 * Direct I/O then only ever covers whole pages, so it never shares a page with buffered I/O of a
 * descriptor that does not overlap it. The cut is made at each post from the transfer's current
 * target offset, so retargeting may move a descriptor anywhere.
 */
final class PlanLayout {
    private static final int TARGET_OFFSET = 0;
    private static final int LENGTH = 1;
    /** Native address of the descriptor's memory, or -1 for heap memory. */
    private static final int ADDRESS = 2;
    private static final int CHUNK_SIZE = 3;
    private static final int SPLIT_ALIGNMENT = 4;
    private static final int MEMORY_ALIGNMENT = 5;
    private static final int FD = 6;
    private static final int BUFFERED_FD = 7;
    private static final int HEAD = 8;
    private static final int MIDDLE = 9;
    private static final int HEAD_CHUNKS = 10;
    private static final int MIDDLE_CHUNKS = 11;
    private static final int CHUNKS = 12;
    private static final int MIDDLE_BOUNCED = 13;
    private static final int REMAINING_CHUNKS = 14;
    /** The engine buffer (registration id) that holds the descriptor's memory, or -1. */
    private static final int BUFFER = 15;
    private static final int FIELDS = 16;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values;
    private final int count;
    private final int shards;

    PlanLayout(int count, int shards) {
        this.count = count;
        this.shards = shards;
        this.values = new long[count * FIELDS + 2 * shards];
    }

    /** Records descriptor {@code d}; {@code address} is -1 for heap memory, {@code buffer} -1 for unregistered memory. */
    void describe(int d, long length, long address, int chunkSize, int splitAlignment,
                  int memoryAlignment, int fd, int bufferedFd, int buffer) {
        int base = d * FIELDS;
        values[base + LENGTH] = length;
        values[base + ADDRESS] = address;
        values[base + CHUNK_SIZE] = chunkSize;
        values[base + SPLIT_ALIGNMENT] = splitAlignment;
        values[base + MEMORY_ALIGNMENT] = memoryAlignment;
        values[base + FD] = fd;
        values[base + BUFFERED_FD] = bufferedFd;
        values[base + BUFFER] = buffer;
    }

    /**
     * Cuts every descriptor at its offset for this post (the transfer's, kept here for the post),
     * resets its chunk counter, and sets the cursors.
     */
    void cut(int firstShard, TransferProgress progress) {
        for (int d = 0; d < count; d++) {
            int base = d * FIELDS;
            long offset = progress.targetOffset(d);
            values[base + TARGET_OFFSET] = offset;
            long length = values[base + LENGTH];
            long alignment = values[base + SPLIT_ALIGNMENT];
            long chunkSize = values[base + CHUNK_SIZE];
            // Alignments are powers of two: masks instead of divisions, on every post.
            long start = (offset + alignment - 1) & -alignment;
            long end = (offset + length) & -alignment;
            long head = start < end ? start - offset : length;
            long middle = start < end ? end - start : 0;
            long tail = length - head - middle;
            long headChunks = chunks(head, chunkSize);
            long middleChunks = chunks(middle, chunkSize);
            long address = values[base + ADDRESS];
            values[base + HEAD] = head;
            values[base + MIDDLE] = middle;
            values[base + HEAD_CHUNKS] = headChunks;
            values[base + MIDDLE_CHUNKS] = middleChunks;
            values[base + CHUNKS] = headChunks + middleChunks + (tail > 0 ? 1 : 0);
            values[base + MIDDLE_BOUNCED] = address < 0 || ((address + head) & (values[base + MEMORY_ALIGNMENT] - 1)) != 0 ? 1 : 0;
            values[base + REMAINING_CHUNKS] = values[base + CHUNKS];
        }
        for (int s = 0; s < shards; s++) {
            values[cursor(s)] = 0;
            values[cursor(s) + 1] = Math.floorMod(s - firstShard, shards);
            normalize(s);
        }
    }

    /** Chunks needed for {@code bytes}; most parts fit in one, which needs no division. */
    private static long chunks(long bytes, long chunkSize) {
        return bytes <= chunkSize ? (bytes > 0 ? 1 : 0) : (bytes + chunkSize - 1) / chunkSize;
    }

    long targetOffset(int d) {
        return values[d * FIELDS + TARGET_OFFSET];
    }

    long length(int d) {
        return values[d * FIELDS + LENGTH];
    }

    /** Whether chunk {@code k} of {@code d} goes through the buffered twin (an unaligned head or tail). */
    boolean isBuffered(int d, long k) {
        long headChunks = values[d * FIELDS + HEAD_CHUNKS];
        return k < headChunks || k >= headChunks + values[d * FIELDS + MIDDLE_CHUNKS];
    }

    /** Where chunk {@code k} starts in the descriptor's memory (and, added to the target offset, in the file). */
    long memoryOffset(int d, long k) {
        int base = d * FIELDS;
        long chunkSize = values[base + CHUNK_SIZE];
        long headChunks = values[base + HEAD_CHUNKS];
        if (k < headChunks) {
            return k * chunkSize;
        }
        long j = k - headChunks;
        return j < values[base + MIDDLE_CHUNKS] ? values[base + HEAD] + j * chunkSize : values[base + HEAD] + values[base + MIDDLE];
    }

    /** The length of chunk {@code k}, which starts at {@code memoryOffset}; {@code buffered} as {@link #isBuffered}. */
    int length(int d, long k, long memoryOffset, boolean buffered) {
        int base = d * FIELDS;
        long partEnd = !buffered ? values[base + HEAD] + values[base + MIDDLE]
                : k < values[base + HEAD_CHUNKS] ? values[base + HEAD] : values[base + LENGTH];
        return (int) Math.min(values[base + CHUNK_SIZE], partEnd - memoryOffset);
    }

    /** The descriptor a chunk goes to: the buffered twin or the file's own. */
    int fd(int d, boolean buffered) {
        return (int) values[d * FIELDS + (buffered ? BUFFERED_FD : FD)];
    }

    /** Whether a chunk needs a bounce buffer: heap memory, or a direct chunk of unaligned memory. */
    boolean isBounced(int d, boolean buffered) {
        return values[d * FIELDS + ADDRESS] < 0 || (!buffered && values[d * FIELDS + MIDDLE_BOUNCED] != 0);
    }

    /** The native address of descriptor {@code d}'s memory; meaningful only for chunks that are not bounced. */
    long address(int d) {
        return values[d * FIELDS + ADDRESS];
    }

    /** The engine buffer that holds descriptor {@code d}'s memory, or -1; meaningful only for chunks not bounced. */
    int buffer(int d) {
        return (int) values[d * FIELDS + BUFFER];
    }

    /** Counts a finished chunk of {@code d}; returns how many remain. Atomic only when several shards share the plan. */
    long chunkFinished(int d) {
        int index = d * FIELDS + REMAINING_CHUNKS;
        return shards == 1 ? --values[index] : (long) LONGS.getAndAdd(values, index, -1L) - 1;
    }

    private int cursor(int s) {
        return count * FIELDS + 2 * s;
    }

    /** Whether shard {@code s} has chunks left to issue. */
    boolean hasChunk(int s) {
        return values[cursor(s)] < count;
    }

    int cursorDescriptor(int s) {
        return (int) values[cursor(s)];
    }

    long cursorChunk(int s) {
        return values[cursor(s) + 1];
    }

    /** Moves shard {@code s} to its next chunk: chunks are numbered across descriptors, a shard takes every n-th. */
    void advance(int s) {
        values[cursor(s) + 1] += shards;
        normalize(s);
    }

    private void normalize(int s) {
        int d = (int) values[cursor(s)];
        long k = values[cursor(s) + 1];
        while (d < count && k >= values[d * FIELDS + CHUNKS]) {
            k -= values[d * FIELDS + CHUNKS];
            d++;
        }
        values[cursor(s)] = d;
        values[cursor(s) + 1] = k;
    }
}
