package io.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a destination argument names, and whether it is written at offsets. */
class DestinationPathTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteAtOffsetsIntoFilesAndCharacterDevicesThatTakeThatAndInOrderIntoAFifo() throws Exception {
        DestinationPath nowhere = DestinationPath.of("/dev/null");
        DestinationPath zero = DestinationPath.of("/dev/zero");
        DestinationPath file = DestinationPath.of(dir.resolve("new.bin").toString());
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        DestinationPath pipe = DestinationPath.of(fifo.toString());

        assertThat(nowhere.kind()).isEqualTo(DestinationPath.Kind.CHARACTER_DEVICE);
        assertThat(nowhere.takesOffsets()).isTrue();
        assertThat(nowhere.canBeReadBack()).as("nothing to compare with").isFalse();
        assertThat(zero.kind()).isEqualTo(DestinationPath.Kind.CHARACTER_DEVICE);
        assertThat(file.takesOffsets()).isTrue();
        assertThat(pipe.kind()).isEqualTo(DestinationPath.Kind.STREAM);
        assertThat(pipe.takesOffsets()).isFalse();
    }

    @Test
    void shouldTakeADashForStandardOutput() throws IOException {
        DestinationPath out = DestinationPath.of("-");
        assertThat(out.kind()).isEqualTo(DestinationPath.Kind.STANDARD_OUTPUT);
        assertThat(out.takesOffsets()).isFalse();
    }
}
