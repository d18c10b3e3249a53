package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file {@code put} uploads, open for mapping: a regular file as it is; standard input
 * ({@code -}) or another stream (a FIFO, a character device) is first copied to a temporary file
 * in {@code java.io.tmpdir}, because a single PUT needs its size before the first byte is sent and
 * memory must not grow with the data. Closing deletes that temporary file. (To {@code s3://} a
 * stream goes as it is read instead, in the parts of a multipart upload: {@link StreamUpload}.)
 */
final class UploadSource implements AutoCloseable {
    private static final Path STANDARD_INPUT = Path.of("/proc/self/fd/0");

    private final FileChannel channel;
    private final Path spooled;

    private UploadSource(FileChannel channel, Path spooled) {
        this.channel = channel;
        this.spooled = spooled;
    }

    /** Whether {@code given} is read as a stream: standard input or a FIFO, not a regular file or a directory. */
    static boolean isStream(String given) {
        Path path = path(given);
        return Files.exists(path) && !Files.isDirectory(path) && !Files.isRegularFile(path);
    }

    /** The stream {@code given} is read from, when {@link #isStream}. */
    static ReadableByteChannel stream(String given) throws IOException {
        return given.equals("-") ? new FileInputStream(FileDescriptor.in).getChannel() : FileChannel.open(path(given));
    }

    private static Path path(String given) {
        return given.equals("-") ? STANDARD_INPUT : ArgumentPath.of(given);
    }

    /** Opens {@code given}: a path, or {@code -} for standard input. */
    static UploadSource open(String given) throws IOException {
        boolean standardInput = given.equals("-");
        Path path = path(given);
        if (!Files.exists(path)) {
            throw new FerryException(ErrorCode.NOT_FOUND, given + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, given + " is a directory");
        }
        if (Files.isRegularFile(path)) {
            return new UploadSource(FileChannel.open(path), null);
        }
        Path spool = Files.createTempFile("ferry-put-", ".spool");
        spool.toFile().deleteOnExit();
        try (InputStream in = standardInput ? System.in : Files.newInputStream(path)) {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            return new UploadSource(FileChannel.open(spool), spool);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    /** The open file to map and upload. */
    FileChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (spooled != null) {
            Files.deleteIfExists(spooled);
        }
    }
}
