package io.ferry.bench;

import io.ferry.TransferOp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchFileTest {
    @TempDir
    Path directory;

    @Test
    void shouldDeleteATemporaryFileOnClose() {
        Path path;
        try (BenchFile file = BenchFile.open(BenchConfig.builder().fileSizeBytes(8192).blockSizes(4096).build())) {
            path = file.path();
            file.prepareFor(TransferOp.READ, false);
            assertThat(path).exists().hasSize(8192);
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void shouldExtendAShortFileWithThePatternAndKeepItsData() throws IOException {
        Path path = directory.resolve("short.dat");
        Files.write(path, new byte[] {1, 2, 3});

        try (BenchFile file = BenchFile.open(config(path, 10_000))) {
            file.prepareFor(TransferOp.READ, false);
        }

        byte[] content = Files.readAllBytes(path);
        assertThat(content).hasSize(10_000);
        assertThat(content).startsWith(1, 2, 3);
        for (int offset = 3; offset < content.length; offset++) {
            assertThat(content[offset]).isEqualTo(Pattern.byteAt(offset));
        }
    }

    @Test
    void shouldLeaveTheFileAloneForWritesWithoutVerification() {
        Path path = directory.resolve("absent.dat");

        try (BenchFile file = BenchFile.open(config(path, 8192))) {
            file.prepareFor(TransferOp.WRITE, false);
        }

        assertThat(path).doesNotExist();
    }

    @Test
    void shouldOverwriteTheWholeRegionWithThePatternForVerification() throws IOException {
        Path path = directory.resolve("existing.dat");
        Files.write(path, new byte[20_000]);

        try (BenchFile file = BenchFile.open(config(path, 10_000))) {
            file.prepareFor(TransferOp.WRITE, true);
        }

        byte[] content = Files.readAllBytes(path);
        assertThat(content[0]).isEqualTo(Pattern.byteAt(0));
        assertThat(content[9_999]).isEqualTo(Pattern.byteAt(9_999));
        assertThat(content[10_000]).isZero();
    }

    private static BenchConfig config(Path path, long sizeBytes) {
        return BenchConfig.builder().filename(path).fileSizeBytes(sizeBytes).blockSizes(4096).build();
    }
}
