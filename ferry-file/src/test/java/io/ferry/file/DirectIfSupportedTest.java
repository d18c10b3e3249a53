package io.ferry.file;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.testkit.DirectIo;
import io.ferry.testkit.ScratchMount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link OpenFlag#DIRECT_IF_SUPPORTED}: O_DIRECT where the file system takes it, the page cache where
 * it does not (ramfs, which has no direct I/O on any kernel), with every byte written either way.
 */
@Timeout(60)
class DirectIfSupportedTest {
    private static final int[] SIZES = {1, 4096, 65_537};
    private static final long[] OFFSETS = {0, 511, 8192};

    @TempDir
    Path dir;

    private final FileFixture fixture = new FileFixture("psync");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldWritePastThePageCacheWhereTheFileSystemTakesODirect() throws IOException {
        assumeTrue(DirectIo.isSupportedIn(dir), "no O_DIRECT on the file system of " + dir);
        FileTarget preferred = fixture.files.open(dir.resolve("data.bin"), OpenFlag.READ, OpenFlag.WRITE,
                OpenFlag.CREATE, OpenFlag.DIRECT_IF_SUPPORTED);
        assertThat(preferred.isDirect()).isTrue();
        fixture.assertRoundTrips(preferred, MemoryKind.NATIVE, SIZES, OFFSETS);
    }

    @Test
    void shouldFallBackToThePageCacheWhereTheFileSystemRefusesODirect() throws Exception {
        try (ScratchMount ramfs = ScratchMount.ramfs(dir.resolve("ramfs"))) {
            assumeTrue(ramfs != null, "mounting a ramfs needs root and mount(8)");
            Path path = ramfs.path.resolve("data.bin");
            // Its own agent, closed before the unmount, which a file still open would make fail.
            try (FileFixture onRamfs = new FileFixture("psync")) {
                assertThatThrownBy(() -> onRamfs.files.open(path, OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.DIRECT))
                        .isInstanceOfSatisfying(FerryException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                        .hasMessageContaining("does not support direct I/O");
                FileTarget preferred = onRamfs.files.open(path, OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE,
                        OpenFlag.DIRECT_IF_SUPPORTED);
                assertThat(preferred.isDirect()).isFalse();
                onRamfs.assertRoundTrips(preferred, MemoryKind.NATIVE, SIZES, OFFSETS);
            }
        }
    }
}
