package io.ferry.stream;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a receiver keeps its {@link ResumeRecord}: in a file, or nowhere for a destination whose content
 * a resume cannot know (a character device, {@link DestinationKind#isDurable()}). It only chooses; the record
 * persists itself ({@link ResumeRecord#save}), which is also all an image writer needs (it always keeps one,
 * at the path it is given).
 */
sealed interface RecordStore {
    /** The record of {@code dest} as {@code options} place it, or none when {@code kind} keeps none. */
    static RecordStore of(DestinationKind kind, Path dest, ReceiverOptions options) {
        return kind.isDurable() ? new InFile(options.recordFor(dest)) : new Nowhere();
    }

    /** The record saved last; empty when there is none, or it is torn or foreign. */
    Optional<ResumeRecord> load();

    /** Replaces the record durably. */
    void save(ResumeRecord record);

    /** Removes the record (the stream completed). */
    void delete();

    /** The record's file, or null when none is kept. */
    Path path();

    /** A record in a file. */
    record InFile(Path path) implements RecordStore {
        @Override
        public Optional<ResumeRecord> load() {
            return ResumeRecord.load(path);
        }

        @Override
        public void save(ResumeRecord record) {
            record.save(path);
        }

        @Override
        public void delete() {
            ResumeRecord.delete(path);
        }
    }

    /** No record at all. */
    record Nowhere() implements RecordStore {
        @Override
        public Optional<ResumeRecord> load() {
            return Optional.empty();
        }

        @Override
        public void save(ResumeRecord record) {
            // nothing is kept
        }

        @Override
        public void delete() {
            // nothing was kept
        }

        @Override
        public Path path() {
            return null;
        }
    }
}
