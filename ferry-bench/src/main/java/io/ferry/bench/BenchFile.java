package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file of a run: the configured one, or a temporary file in {@code java.io.tmpdir} that
 * {@link #close()} deletes. Before each row it makes sure the file holds what the row needs,
 * writing the {@link Pattern} through the page cache with plain NIO, outside any timing (which
 * also leaves the page cache warm for reads):
 * <ul>
 *   <li>with verification, the whole region of {@code fileSizeBytes} holds the pattern, written
 *       once per run; WRITE rows then write the pattern too, so it stays intact;</li>
 *   <li>without, a READ row needs {@code fileSizeBytes} of data: a shorter file is extended with
 *       the pattern and existing data is left alone.</li>
 * </ul>
 * A target that exists and is not a regular file (a block device) is never laid out: reads read
 * what is there, only WRITE rows write to it, verification is refused (it would have to write the
 * pattern over the whole region first), and the size must fit in the device.
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
    private final long sizeBytes;
    private boolean patternWritten;

    private BenchFile(Path path, boolean temporary, boolean device, long sizeBytes) {
        this.path = path;
        this.temporary = temporary;
        this.device = device;
        this.sizeBytes = sizeBytes;
    }

    /** The configured file or device, or a new empty temporary file. */
    static BenchFile open(BenchConfig config) {
        Path configured = config.filename();
        if (configured != null) {
            boolean device = Files.exists(configured) && !Files.isRegularFile(configured);
            if (device) {
                checkDevice(configured, config);
            }
            return new BenchFile(configured, false, device, config.fileSizeBytes());
        }
        try {
            Path file = Files.createTempFile(temporaryDirectory(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            // Also when the run is interrupted (Ctrl-C): a forgotten benchmark file can be large.
            file.toFile().deleteOnExit();
            return new BenchFile(file, true, false, config.fileSizeBytes());
        } catch (IOException e) {
            throw failure("cannot create a temporary file", e);
        }
    }

    private static void checkDevice(Path path, BenchConfig config) {
        if (config.verify()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, path + " is a device: verification would first write "
                    + "its pattern over " + config.fileSizeBytes() + " bytes of it; leave out --verify");
        }
        long deviceBytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            deviceBytes = channel.size();
        } catch (IOException e) {
            throw failure("cannot open " + path, e);
        }
        if (deviceBytes < config.fileSizeBytes()) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, "--size " + config.fileSizeBytes() + " exceeds the "
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

    /** Lays out what a row of {@code op} needs; see the class description. */
    void prepareFor(TransferOp op, boolean verify) {
        if (device) {
            return;
        }
        if (verify) {
            if (!patternWritten) {
                writePattern(0);
                patternWritten = true;
            }
        } else if (op == TransferOp.READ) {
            long current = currentSize();
            if (current < sizeBytes) {
                writePattern(current);
            }
        }
    }

    private long currentSize() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw failure("cannot read the size of " + path, e);
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
            throw failure("cannot write the benchmark pattern to " + path, e);
        }
    }

    private static FerryException failure(String message, IOException cause) {
        return new FerryException(ErrorCode.IO_ERROR, message + ": " + cause, cause);
    }

    /** Deletes the file if it is temporary. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw failure("cannot delete the temporary file " + path, e);
            }
        }
    }
}
