package io.ferry.bench;

import io.ferry.Agent;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.file.FileBackend;
import io.ferry.file.OpenFlag;
import io.ferry.settings.Settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        try (BenchFile file = BenchFile.open(config(path, 10_000).toBuilder().allowOverwrite(true).build())) {
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
    void shouldReserveTheRegionOfAWriteRowAsFioDoes() throws IOException {
        Path fresh = directory.resolve("fresh.dat");

        try (Agent agent = Agent.create(Settings.builder().build());
             BenchFile file = BenchFile.open(config(fresh, 1 << 20))) {
            file.reserve(agent.attach(FileBackend.factory()).open(fresh, OpenFlag.WRITE, OpenFlag.CREATE));
        }

        assertThat(fresh).hasSize(1 << 20);
    }

    @Test
    void shouldOverwriteTheWholeRegionWithThePatternForVerificationWhenAllowed() throws IOException {
        Path path = directory.resolve("existing.dat");
        Files.write(path, new byte[20_000]);

        try (BenchFile file = BenchFile.open(config(path, 10_000).toBuilder().verify(true).allowOverwrite(true).build())) {
            file.prepareFor(TransferOp.WRITE, true);
        }

        byte[] content = Files.readAllBytes(path);
        assertThat(content[0]).isEqualTo(Pattern.byteAt(0));
        assertThat(content[9_999]).isEqualTo(Pattern.byteAt(9_999));
        assertThat(content[10_000]).isZero();
    }

    @Test
    void shouldNeverWriteAnExistingFileForVerifiedReadsAndSayItHoldsNoPattern() throws IOException {
        Path path = directory.resolve("users.dat");
        byte[] users = randomBytes(20_000);
        Files.write(path, users);
        BenchConfig readAndVerify = config(path, 16_384).toBuilder().operations(BenchOp.READ).verify(true).build();

        assertThatThrownBy(() -> BenchRunner.run(readAndVerify, BenchListener.NO_OP))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage())
                        .contains("--verify", path.toString(), "does not hold the benchmark's pattern", "byte 0 differs",
                                "--allow-overwrite"));

        assertThat(Files.readAllBytes(path)).as("the user's bytes").isEqualTo(users);
    }

    @Test
    void shouldRefuseWriteRowsAndExtensionsOfAnExistingFileWithoutAllowOverwrite() throws IOException {
        Path path = directory.resolve("users.dat");
        byte[] users = randomBytes(8_192);
        Files.write(path, users);

        assertThatThrownBy(() -> BenchFile.open(config(path, 8_192).toBuilder().operations(BenchOp.RANDWRITE).build()))
                .hasMessageContaining("--rw randwrite would write over " + path).hasMessageContaining("--allow-overwrite");
        assertThatThrownBy(() -> BenchFile.open(config(path, 16_384).toBuilder().operations(BenchOp.READ).build()))
                .hasMessageContaining(path + " holds 8192 bytes").hasMessageContaining("--size of at most 8192");
        try (BenchFile file = BenchFile.open(config(path, 8_192).toBuilder().operations(BenchOp.READ).build())) {
            file.prepareFor(TransferOp.READ, false);
        }

        assertThat(Files.readAllBytes(path)).as("the user's bytes").isEqualTo(users);
    }

    @Test
    void shouldVerifyReadsOfAFileThatAnEarlierVerifiedWriteRunCreated() {
        Path path = directory.resolve("pattern.dat");
        BenchConfig write = config(path, 65_536).toBuilder().operations(BenchOp.WRITE).verify(true)
                .runtimeNs(5_000_000L).warmupNs(0).settings(Settings.defaults()).build();
        BenchRunner.run(write, BenchListener.NO_OP);

        List<BenchRow> reads = BenchRunner.run(write.toBuilder().operations(BenchOp.READ, BenchOp.RANDREAD).build(),
                BenchListener.NO_OP);

        assertThat(reads).hasSize(2).allSatisfy(row -> assertThat(row.ferry().bytes()).isPositive());
    }

    @Test
    void shouldRefuseADirectoryAsTheFile() {
        assertThatThrownBy(() -> BenchFile.open(config(directory, 8_192)))
                .hasMessageContaining(directory + " is a directory");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static BenchConfig config(Path path, long sizeBytes) {
        return BenchConfig.builder().filename(path).fileSizeBytes(sizeBytes).blockSizes(4096).build();
    }
}
