package io.ferry.bench;

import io.ferry.TransferOp;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierTest {
    private static final long SIZE_BYTES = 3L << 20;

    @TempDir
    Path directory;

    @Test
    void shouldAcceptAFileThatHoldsThePattern() {
        Path path = patternFile();

        assertThatCode(() -> verify(path)).doesNotThrowAnyException();
    }

    @Test
    void shouldNameTheFirstOffsetThatDiffers() throws IOException {
        Path path = patternFile();
        long corrupted = (2L << 20) + 12_345;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(corrupted);
            file.write(~Pattern.byteAt(corrupted));
        }

        assertThatThrownBy(() -> verify(path))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VERIFY_FAILED))
                .hasMessageContaining("at offset " + corrupted + " ");
    }

    private Path patternFile() {
        Path path = directory.resolve("pattern.dat");
        BenchConfig config = BenchConfig.builder().filename(path).fileSizeBytes(SIZE_BYTES).blockSizes(4096).build();
        try (BenchFile file = BenchFile.open(config)) {
            file.prepareFor(TransferOp.READ, true);
        }
        return path;
    }

    private static void verify(Path path) {
        try (Arena arena = Arena.ofConfined(); Agent agent = Agent.create(Settings.defaults())) {
            FileTarget target = agent.attach(FileBackend.factory()).open(path);
            Verifier.verify(agent, target, SIZE_BYTES, arena);
        }
    }
}
