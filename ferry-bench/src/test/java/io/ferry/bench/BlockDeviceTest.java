package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import io.ferry.testkit.LoopDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A block device (a loop device over a file) is read as it is, and never written without allowOverwrite. */
class BlockDeviceTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadADeviceWithoutWritingToItAndRefuseWritesAndVerificationOfWhatItDoesNotHold() throws Exception {
        byte[] content = new byte[8 << 20];
        new Random(7).nextBytes(content);
        Path image = Files.write(dir.resolve("disk.img"), content);
        try (LoopDevice loop = LoopDevice.attach(image)) {
            assumeTrue(loop != null, "loop devices need root and losetup");
            Path device = loop.path;
            BenchConfigBuilder config = BenchConfig.builder().settings(Settings.defaults()).filename(device)
                    .fileSizeBytes(4 << 20).operations(BenchOp.READ, BenchOp.RANDREAD).blockSizes(4096, 65536)
                    .runtimeNs(50_000_000L).warmupNs(0);

            List<BenchRow> rows = BenchRunner.run(config.build(), BenchListener.NO_OP);

            assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row.ferry().bytes()).isPositive());
            assertThat(Files.readAllBytes(image)).as("the device is untouched").isEqualTo(content);
            assertThatThrownBy(() -> BenchRunner.run(config.verify(true).build(), BenchListener.NO_OP))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains(device.toString(), "does not hold the benchmark's pattern",
                                "--allow-overwrite");
                    });
            assertThatThrownBy(() -> BenchRunner.run(config.verify(false).operations(BenchOp.WRITE).build(),
                    BenchListener.NO_OP)).hasMessageContaining("--rw write would write over " + device);
            config.operations(BenchOp.READ);
            assertThat(Files.readAllBytes(image)).as("the device is still untouched").isEqualTo(content);
            assertThatThrownBy(() -> BenchRunner.run(config.verify(false).fileSizeBytes(16 << 20).build(),
                    BenchListener.NO_OP)).hasMessageContaining("exceeds the 8388608 bytes of " + device);
        }
    }
}
