package io.ferry.stream.source;

import io.ferry.stream.prepare.Batch;
import io.ferry.stream.wire.Manifest;

/** The input of a stream, produced block by block in stream order. */
public interface Source extends AutoCloseable {
    /** {@link #next} filled the batch. */
    int PRODUCED = 1;
    /** {@link #next} has nothing yet (application payloads not offered yet). */
    int PENDING = 0;
    /** {@link #next} has nothing more: the source is exhausted. */
    int END = -1;

    /** The entries and their places in the stream. */
    Manifest manifest();

    /**
     * Fills {@code batch} with the next block of data (at most its buffer's capacity, never crossing a
     * file) or run of zeros, and returns {@link #PRODUCED}; or returns {@link #PENDING} or {@link #END}.
     * Fails with a {@link io.ferry.FerryException} naming the file when a read fails.
     */
    int next(Batch batch);

    /** The stream offset below which everything has been produced. */
    long position();

    /** Continues at {@code position}, a position this source reported before (resume). */
    void seek(long position);

    @Override
    void close();
}
