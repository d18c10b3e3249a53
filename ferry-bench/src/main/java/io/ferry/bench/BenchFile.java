package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.file.FileTarget;
import io.ferry.internal.IoErrors;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file of a run: the configured one, or a temporary file in {@code java.io.tmpdir} that
 * {@link #close()} deletes. A file or block device that existed before the run is the user's: unless
 * the config {@linkplain BenchConfig#allowOverwrite() allows overwriting} it, the run never writes
 * it, and {@link #open} refuses, before the first row, a run that would have to (WRITE rows, a
 * size beyond its end) or that could not verify anything (with verification, a file that does not
 * hold the {@link Pattern}). A file the run creates, and the temporary file, are the benchmark's
 * own. Before each row of a file the run may write, it makes sure the file holds what the row
 * needs, writing the pattern through the page cache with plain NIO, outside any timing (which also
 * leaves the page cache warm for reads):
 * <ul>
 *   <li>with verification, the whole region of {@code fileSizeBytes} holds the pattern, written
 *       once per run; WRITE rows then write the pattern too, so it stays intact;</li>
 *   <li>without, a READ row needs {@code fileSizeBytes} of data: a shorter file is extended with
 *       the pattern and existing data is left alone.</li>
 * </ul>
 * A write row's file is also reserved up to {@code fileSizeBytes} ({@link #reserve}), as fio does.
 * A block device is never extended: the size must fit in it.
 */
final class BenchFile implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 20;
    /** The name of a temporary file starts with this. */
    static final String TEMPORARY_PREFIX = "ferry-bench-";
    /** The name of a temporary file ends with this. */
    static final String TEMPORARY_SUFFIX = ".dat";

    private final Path path;
    private final boolean temporary;
    private final boolean device;
    private final boolean mayWrite;
    private final long sizeBytes;
    private boolean patternWritten;

    private BenchFile(Path path, boolean temporary, boolean device, boolean mayWrite, long sizeBytes) {
        this.path = path;
        this.temporary = temporary;
        this.device = device;
        this.mayWrite = mayWrite;
        this.sizeBytes = sizeBytes;
    }

    /**
     * The configured file or device, or a new empty temporary file.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for a directory, and for a run that
     *         would write to a file or device that existed, or could not verify it, without
     *         {@link BenchConfig#allowOverwrite()}
     */
    static BenchFile open(BenchConfig config) {
        Path configured = config.filename();
        if (configured == null) {
            try {
                Path file = Files.createTempFile(temporaryDirectory(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
                // Also when the run is interrupted (Ctrl-C): a forgotten benchmark file can be large.
                file.toFile().deleteOnExit();
                return new BenchFile(file, true, false, true, config.fileSizeBytes());
            } catch (IOException e) {
                throw failure("cannot create a temporary file: ", temporaryDirectory(), e);
            }
        }
        if (Files.isDirectory(configured)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, configured + " is a directory: name a file (created "
                    + "if missing) or a block device");
        }
        boolean existed = Files.exists(configured);
        boolean device = existed && !Files.isRegularFile(configured);
        if (device) {
            checkDeviceSize(configured, config.fileSizeBytes());
        }
        boolean mayWrite = !existed || config.allowOverwrite();
        BenchFile file = new BenchFile(configured, false, device, mayWrite, config.fileSizeBytes());
        if (!mayWrite) {
            file.refuseWhatWouldWrite(config);
        }
        return file;
    }

    /** Refuses, naming the way out, a run that would have to write the user's file or could not verify it. */
    private void refuseWhatWouldWrite(BenchConfig config) {
        String keep = "; add --allow-overwrite to let the benchmark write over it, or name a new file";
        for (BenchOp op : config.operations()) {
            if (op.writes()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--rw " + op.fioName() + " would write over "
                        + path + ", which existed before the run" + keep);
            }
        }
        long current = currentSize();
        if (!device && current < sizeBytes) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, path + " holds " + current + " bytes; reads of --size "
                    + sizeBytes + " need that many: give a --size of at most " + current + ", or extend the file"
                    + " with the benchmark's pattern" + keep);
        }
        if (config.verify()) {
            long mismatch = firstDifferenceFromPattern();
            if (mismatch >= 0) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--verify: " + path + " does not hold the "
                        + "benchmark's pattern (byte " + mismatch + " differs), so reading it would verify nothing; "
                        + "verify a file that 'ferry bench --rw write --verify' wrote" + keep);
            }
        }
    }

    private static void checkDeviceSize(Path path, long sizeBytes) {
        long deviceBytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            deviceBytes = channel.size();
        } catch (IOException e) {
            throw failure("cannot open ", path, e);
        }
        if (deviceBytes < sizeBytes) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "--size " + sizeBytes + " exceeds the "
                    + deviceBytes + " bytes of " + path);
        }
    }

    /** Where temporary files are created: {@code java.io.tmpdir}. */
    static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path path() {
        return path;
    }

    /** Another program wrote to the file (a reference tool's write row): lay the pattern out again when needed. */
    void overwrittenElsewhere() {
        patternWritten = false;
    }

    /** Lays out what a row of {@code op} needs; see the class description. Writes nothing to a file the run may not write. */
    void prepareFor(TransferOp op, boolean verify) {
        if (!mayWrite) {
            return;
        }
        if (verify) {
            if (!patternWritten) {
                writePattern(0);
                patternWritten = true;
            }
        } else if (op == TransferOp.READ && !device) {
            long current = currentSize();
            if (current < sizeBytes) {
                writePattern(current);
            }
        }
    }

    /**
     * Reserves the region the rows use in {@code target}, this run's file opened for a write row, as
     * fio's default {@code fallocate=native} does: O_DIRECT writes beyond the end of a file run one at
     * a time on ext4, so a write row into a new file would measure that instead of the engine.
     */
    void reserve(FileTarget target) {
        if (!device) {
            target.allocate(sizeBytes);
        }
    }

    private long currentSize() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw failure("cannot read the size of ", path, e);
        }
    }

    private void writePattern(long fromOffset) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES);
        MemorySegment memory = MemorySegment.ofBuffer(buffer);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long offset = fromOffset; offset < sizeBytes; offset += CHUNK_BYTES) {
                int length = (int) Math.min(CHUNK_BYTES, sizeBytes - offset);
                Pattern.fill(memory, 0, length, offset);
                buffer.clear().limit(length);
                long position = offset;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            }
        } catch (IOException e) {
            throw failure("cannot write the benchmark pattern to ", path, e);
        }
    }

    /** Where the region first differs from the pattern, or -1 when it holds the pattern throughout. */
    private long firstDifferenceFromPattern() {
        ByteBuffer actual = ByteBuffer.allocateDirect(CHUNK_BYTES);
        MemorySegment expected = MemorySegment.ofBuffer(ByteBuffer.allocateDirect(CHUNK_BYTES));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            for (long offset = 0; offset < sizeBytes; offset += CHUNK_BYTES) {
                int length = (int) Math.min(CHUNK_BYTES, sizeBytes - offset);
                actual.clear().limit(length);
                while (actual.hasRemaining() && channel.read(actual, offset + actual.position()) >= 0) {
                    // Short reads continue; the end of the file leaves the rest unread.
                }
                Pattern.fill(expected, 0, length, offset);
                long mismatch = MemorySegment.mismatch(MemorySegment.ofBuffer(actual.flip()), 0, actual.limit(), expected, 0, length);
                if (mismatch >= 0) {
                    return offset + mismatch;
                }
            }
            return -1;
        } catch (IOException e) {
            throw failure("cannot read ", path, e);
        }
    }

    private static FerryException failure(String message, Path path, IOException cause) {
        return new FerryException(ErrorCode.IO_ERROR, message + IoErrors.describe(path, cause), cause);
    }

    /** Deletes the file if it is temporary. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw failure("cannot delete the temporary file ", path, e);
            }
        }
    }
}
