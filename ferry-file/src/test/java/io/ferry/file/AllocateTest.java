package io.ferry.file;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.testkit.ScratchMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link FileTarget#allocate}: the bytes reserved on the device where the file system can (so that a
 * full disk fails before a transfer, leaving the file as it was), the length set with a hole where it
 * cannot (ramfs), a longer file untouched, and clear errors.
 */
@Timeout(60)
class AllocateTest {
    private static final int[] SIZES = {1, 4096, 65_537};
    private static final long[] OFFSETS = {0, 511, 1 << 20};
    private static final long LENGTH = (2 << 20) + 1;

    @TempDir
    Path dir;

    @Test
    void shouldReserveTheBytesAndKeepTheLengthWhileTheyAreWritten() throws IOException {
        try (FileFixture fixture = new FileFixture("psync")) {
            FileTarget file = fixture.openReadWrite(dir.resolve("data.bin"));

            file.allocate(LENGTH);

            assertThat(file.size()).isEqualTo(LENGTH);
            assertThat(allocatedBytes(file.path())).isGreaterThanOrEqualTo(LENGTH);
            assertThat(Files.readAllBytes(file.path())).containsOnly(0);
            fixture.assertRoundTrips(file, MemoryKind.NATIVE, SIZES, OFFSETS);
            assertThat(file.size()).isEqualTo(LENGTH);
        }
    }

    @Test
    void shouldLeaveALongerFileAsItIs() throws IOException {
        Path path = dir.resolve("data.bin");
        byte[] content = FileFixture.randomBytes((int) LENGTH, 7);
        Files.write(path, content);
        try (FileFixture fixture = new FileFixture("psync")) {
            fixture.openReadWrite(path).allocate(LENGTH / 2);
        }

        assertThat(Files.readAllBytes(path)).isEqualTo(content);
    }

    @Test
    void shouldOnlySetTheLengthWhereTheFileSystemCannotReserveSpace() throws Exception {
        try (ScratchMount ramfs = ScratchMount.ramfs(dir.resolve("ramfs"))) {
            assumeTrue(ramfs != null, "mounting a ramfs needs root and mount(8)");
            Path path = ramfs.path.resolve("data.bin");
            try (FileFixture onRamfs = new FileFixture("psync")) {
                FileTarget file = onRamfs.openReadWrite(path);

                file.allocate(LENGTH);

                assertThat(file.size()).isEqualTo(LENGTH);
                assertThat(Files.readAllBytes(path)).containsOnly(0);
                onRamfs.assertRoundTrips(file, MemoryKind.NATIVE, SIZES, OFFSETS);
                file.allocate(LENGTH / 2);
                assertThat(file.size()).as("not cut").isEqualTo(LENGTH);
            }
        }
    }

    @Test
    void shouldFailWithNoSpaceOnAFullDiskAndLeaveTheFileAsItWas() throws Exception {
        try (ScratchMount small = ScratchMount.ext4(dir.resolve("small"), 2 << 20)) {
            assumeTrue(small != null, "making and mounting an ext4 needs root, mkfs.ext4 and loop devices");
            try (FileFixture onExt4 = new FileFixture("psync")) {
                FileTarget file = onExt4.openReadWrite(small.path.resolve("data.bin"));

                assertThatThrownBy(() -> file.allocate(4 << 20))
                        .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.IO_ERROR))
                        .hasMessageContaining(file.path().toString())
                        .hasMessageContaining("ENOSPC");
                assertThat(file.size()).as("ext4 reserved part of it; undone").isZero();
            }
        }
    }

    @Test
    void shouldRefuseAFileNotOpenForWritingANegativeLengthAndAClosedFile() throws IOException {
        Path path = dir.resolve("data.bin");
        Files.write(path, new byte[10]);
        try (FileFixture fixture = new FileFixture("psync")) {
            FileTarget readOnly = fixture.files.open(path, OpenFlag.READ);
            FileTarget writable = fixture.openReadWrite(path);

            assertThatThrownBy(() -> readOnly.allocate(100)).isInstanceOf(FerryException.class)
                    .hasMessageContaining("was not opened for writing");
            assertThatThrownBy(() -> writable.allocate(-1)).isInstanceOf(FerryException.class)
                    .hasMessageContaining("cannot allocate -1 bytes");
            writable.close();
            assertThatThrownBy(() -> writable.allocate(100))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED));
        }
        assertThat(Files.size(path)).isEqualTo(10);
    }

    /** The bytes the file system gave the file (stat's blocks of 512 bytes). */
    private static long allocatedBytes(Path path) throws IOException {
        Process stat = new ProcessBuilder("stat", "-c", "%b", path.toString()).start();
        return Long.parseLong(new String(stat.getInputStream().readAllBytes()).trim()) * 512;
    }
}
