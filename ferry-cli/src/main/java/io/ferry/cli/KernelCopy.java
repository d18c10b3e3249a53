package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.IoErrors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Copies the start of a file into another by the kernel's copy: {@link FileChannel#transferTo},
 * which is copy_file_range(2) on Linux (a reflink or a server-side copy where the file system has
 * one, else a copy inside the kernel), so no byte passes through this process. {@code ferry copy}
 * uses it from a file into a file when no byte needs to pass through memory (no O_DIRECT, no
 * --verify); see docs/design/destinations.md.
 */
final class KernelCopy {
    /**
     * Bytes per call, so that progress moves while a large file is copied. Each call costs: a 2 GiB
     * copy took 1.1 s in 64 MiB calls and 0.8 s in 256 MiB ones, where cp's one call took 0.6 s.
     */
    private static final long STEP = 256L << 20;

    private KernelCopy() {
    }

    /**
     * Copies the first {@code size} bytes of {@code from} over {@code to}, reporting the bytes done;
     * {@code to} ends with them. It is cut to {@code size} after the copy, not emptied before it:
     * ext4 flushes a file truncated to size 0 when it is closed (auto_da_alloc), 0.3 s for 1 GiB.
     */
    static void copy(Path from, Path to, long size, LongConsumer progress) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < size) {
                long moved = transfer(from, to, in, done, Math.min(STEP, size - done), out);
                if (moved <= 0) {
                    throw new FerryException(ErrorCode.IO_ERROR, from + ": the file shrank to " + done
                            + " bytes while it was copied (it had " + size + ")");
                }
                done += moved;
                progress.accept(done);
            }
            if (out.size() > size) {
                out.truncate(size);
            }
        }
    }

    /** One call; a failure names both files, as the kernel does not say which side failed. */
    private static long transfer(Path from, Path to, FileChannel in, long position, long count, FileChannel out) {
        try {
            return in.transferTo(position, count, out);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, IoErrors.describe(from + " -> " + to, e), e);
        }
    }
}
