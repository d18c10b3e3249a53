package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Read rows start with the file out of the page cache (fio's invalidate=1) unless told not to;
 * residency is read with mincore(2), through {@link MappedByteBuffer#isLoaded()}.
 */
class PageCacheTest {
    private static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void shouldDropEveryPageOfAFileJustWritten() throws IOException {
        Path file = cachedFile();

        PageCache.drop(file);

        assertThat(residentPages(file)).isZero();
    }

    @Test
    void shouldDropTheFileBeforeAReadRowOnlyWhenInvalidating() throws IOException {
        Path file = cachedFile();
        BenchConfig keep = BenchConfig.builder().filename(file).fileSizeBytes(SIZE).operations(BenchOp.READ).invalidate(false)
                .settings(Settings.defaults()).build();
        BenchConfig invalidate = keep.toBuilder().invalidate(true).build();

        try (FileBenchTarget target = FileBenchTarget.open(keep)) {
            target.prepareFor(BenchOp.RANDREAD);
            assertThat(residentPages(file)).as("kept with invalidate=0").isEqualTo(SIZE / 4096);
        }
        try (FileBenchTarget target = FileBenchTarget.open(invalidate)) {
            target.prepareFor(BenchOp.READ);
            assertThat(residentPages(file)).as("dropped with invalidate=1").isZero();
        }
        assertThat(invalidate.toBuilder().backend("remote").location("http://127.0.0.1:1/x").filename(null).build()
                .invalidate()).as("a remote object has no page cache").isFalse();
    }

    @Test
    void shouldNameTheCallAndErrnoOfAFileThatCannotBeOpened() {
        assertThatThrownBy(() -> PageCache.drop(dir.resolve("absent.dat")))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("open(", "absent.dat", "ENOENT");
                });
    }

    /** A file of {@link #SIZE} bytes, read back so that every page is cached (skips if memory pressure evicts it). */
    private Path cachedFile() throws IOException {
        Path file = Files.write(dir.resolve("bench.dat"), new byte[SIZE]);
        Files.readAllBytes(file);
        assumeTrue(residentPages(file) == SIZE / 4096, "the page cache did not keep a 4 MiB file");
        return file;
    }

    /** Pages of the file in the page cache: all of them, or none (isLoaded answers for the whole mapping). */
    private static int residentPages(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            int resident = 0;
            for (int page = 0; page < SIZE / 4096; page++) {
                if (map.slice(page * 4096, 4096).isLoaded()) {
                    resident++;
                }
            }
            return resident;
        }
    }
}
