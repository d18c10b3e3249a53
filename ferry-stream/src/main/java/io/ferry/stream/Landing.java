package io.ferry.stream;

import io.ferry.FerryException;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.stream.internal.DestinationLock;
import io.ferry.stream.receive.Destination;
import io.ferry.stream.wire.Manifest;

import java.nio.file.Path;

/**
 * What a receiver promises about DEST, kept in one place: no other receiver writes it meanwhile
 * ({@link DestinationLock}), a resume record says what is durable ({@link RecordStore}), and the
 * destination's files are made, synced and committed in an order that keeps the record true
 * ({@link Destination}). Owned by the receiver's thread.
 */
final class Landing implements AutoCloseable {
    private final Path dest;
    private final DestinationKind kind;
    private final RecordStore records;
    /** Null for a destination that keeps no record (a character device). */
    private final DestinationLock lock;
    private ResumeRecord record;
    private Destination destination;
    private boolean committed;

    /**
     * Checks that {@code dest} can take a stream with {@code options} and keeps other receivers out.
     *
     * @throws FerryException when it cannot ({@link DestinationKind#check}), or another receiver writes it
     */
    Landing(Path dest, ReceiverOptions options) {
        this.dest = dest;
        this.kind = DestinationKind.of(dest).check(dest, options);
        this.records = RecordStore.of(kind, dest, options);
        Path recordPath = records.path();
        this.lock = recordPath == null ? null
                : DestinationLock.acquire(DestinationLock.besideRecord(recordPath), dest + " is being received");
    }

    /**
     * Prepares DEST for {@code manifest}: its files are made (or reused by a resume whose record matches),
     * and returns the record to start from.
     *
     * @throws FerryException when the manifest does not fit DEST or the files cannot be made
     */
    ResumeRecord open(Manifest manifest, int blockSize, FileBackend files, ReceiverOptions options) {
        FerryException misfit = kind.misfit(dest, manifest);
        if (misfit != null) {
            throw misfit;
        }
        ResumeRecord previous = options.resume()
                ? records.load().filter(r -> r.matches(manifest, blockSize)).orElse(null) : null;
        record = previous != null ? previous : ResumeRecord.start(manifest, blockSize);
        // The record first: a start record must replace an older one before the destination's temporary
        // files are made anew, or a crash in between would leave that record over empty files, and a
        // resume would skip what it says is there.
        records.save(record);
        destination = new Destination(manifest, files, dest, kind, previous != null, options.direct());
        return record;
    }

    /** The open file of the manifest's file {@code index}. */
    FileTarget target(int index) {
        return destination.target(index);
    }

    /** A failure of a write into DEST, naming the file the user will find (see {@link Destination#inUserTerms}). */
    FerryException inUserTerms(FerryException failure) {
        return destination == null ? failure : destination.inUserTerms(failure);
    }

    boolean needsZeros() {
        return destination.needsZeros();
    }

    /** Makes everything written durable and records sync point {@code syncId} at {@code position}. */
    void sync(long syncId, long position) {
        destination.sync();
        record = record.at(syncId, position);
        records.save(record);
    }

    /** Puts DEST in place (fsync, rename, modes) and removes the record: the stream is complete. */
    void commit() {
        destination.commit();
        records.delete();
        committed = true;
    }

    /** The resume record's path; null when none is kept. */
    Path recordPath() {
        return records.path();
    }

    /** Every byte of the stream below this offset is durable and recorded (0 before DEST was opened). */
    long durablePosition() {
        return record == null ? 0 : record.position();
    }

    /**
     * Closes the files and lets other receivers in. After a failure the temporary files and the record
     * stay for a resume, unless nothing was durable yet: then a resume would start from the beginning,
     * and they go (a full disk is not left fuller).
     */
    @Override
    public void close() {
        boolean nothingDurable = !committed && record != null && record.position() == 0;
        if (destination != null && nothingDurable) {
            destination.discard();
        } else if (destination != null) {
            destination.close();
        }
        if (nothingDurable) {
            records.delete();
        }
        if (lock != null) {
            lock.close();
        }
    }
}
