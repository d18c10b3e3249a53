package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchConfigTest {
    @Test
    void shouldHoldTheDocumentedDefaults() {
        BenchConfig config = BenchConfig.builder().build();

        assertThat(config.filename()).isNull();
        assertThat(config.fileSizeBytes()).isEqualTo(256L << 20);
        assertThat(config.operations()).containsExactly(BenchOp.WRITE, BenchOp.READ);
        assertThat(config.blockSizes()).containsExactly(4096L, 16384L, 65536L, 262144L, 1048576L);
        assertThat(config.batchSizes()).containsExactly(1);
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.numberIos()).isZero();
        assertThat(config.backend()).isEqualTo("file");
        assertThat(config.ioDepth()).isEqualTo(1);
        assertThat(config.engine()).isEqualTo("psync");
        assertThat(config.direct()).isFalse();
        assertThat(config.runtimeNs()).isEqualTo(2_000_000_000L);
        assertThat(config.warmupNs()).isEqualTo(500_000_000L);
        assertThat(config.verify()).isFalse();
        assertThat(config.settings()).isNotNull();
    }

    @Test
    void shouldRefuseSingleBadValuesWhenSet() {
        assertInvalid(() -> BenchConfig.builder().fileSizeBytes(0), "file size must be positive: 0");
        assertInvalid(() -> BenchConfig.builder().operations(List.of()), "operations must not be empty");
        assertInvalid(() -> BenchConfig.builder().operations(BenchOp.READ, BenchOp.READ),
                "operation READ is listed twice");
        assertInvalid(() -> BenchConfig.builder().blockSizes(4096, -1), "block size must be positive: -1");
        assertInvalid(() -> BenchConfig.builder().blockSizes(4096, 4096), "block size 4096 is listed twice");
        assertInvalid(() -> BenchConfig.builder().batchSize(0), "batch size must be at least 1: 0");
        assertInvalid(() -> BenchConfig.builder().ioDepth(-2), "iodepth must be at least 1: -2");
        assertInvalid(() -> BenchConfig.builder().engine("  "), "engine must not be empty");
        assertThat(BenchConfig.builder().engine("auto").build().engine()).isNotEqualTo("auto")
                .isIn("io_uring", "libaio", "psync");
        assertInvalid(() -> BenchConfig.builder().runtimeNs(0), "runtime must be positive: 0 ns");
        assertInvalid(() -> BenchConfig.builder().warmupNs(-1), "warm-up must not be negative: -1 ns");
        assertInvalid(() -> BenchConfig.builder().runtimeNs(Long.MAX_VALUE),
                "runtime must be at most one day: " + Long.MAX_VALUE + " ns");
    }

    @Test
    void shouldRefuseABatchOfBlocksLargerThanTheFile() {
        assertInvalid(() -> BenchConfig.builder().fileSizeBytes(1 << 20).blockSizes(4096, 1 << 19).batchSize(4).build(),
                "block size 524288 B x batch size 4 exceeds the size of 1048576 B");
    }

    @Test
    void shouldReadTheWholeObjectOnTheRemoteEngineOfTheSettingsByDefault() {
        BenchConfig config = remote().settings(Settings.builder().set(RemoteSettings.REMOTE_ENGINE, "blocking").build())
                .build();

        assertThat(config.isRemote()).isTrue();
        assertThat(config.location()).isEqualTo(URL);
        assertThat(config.filename()).isNull();
        assertThat(config.fileSizeBytes()).as("0 = the whole object, until resolved").isZero();
        assertThat(config.engine()).isEqualTo("blocking");
        assertThat(config.toBuilder().fileSizeBytes(1 << 20).build().fileSizeBytes()).isEqualTo(1 << 20);
    }

    @Test
    void shouldRefuseWhatTheRemoteBackendCannotDoWithAClearMessage() {
        assertInvalid(() -> BenchConfig.builder().backend("remote").operations(BenchOp.READ).build(),
                "the remote backend needs the object's URL (http://, https:// or s3://): --filename URL");
        assertInvalid(() -> remote().operations(BenchOp.READ, BenchOp.RANDWRITE).build(),
                "the remote backend only reads: --rw randwrite would overwrite http://127.0.0.1:8080/big.bin; "
                        + "use read or randread");
        assertInvalid(() -> remote().direct(true).build(),
                "direct I/O is a file option: the remote backend has no page cache to bypass");
        assertInvalid(() -> remote().filename(Path.of("/tmp/x")).build(), "the remote backend reads a URL, not the path /tmp/x");
        assertInvalid(() -> BenchConfig.builder().location(URL).build(),
                "the file backend reads and writes files: give a path, not the URL http://127.0.0.1:8080/big.bin");
        assertInvalid(() -> BenchConfig.builder().backend("tape"), "unknown backend 'tape' (available: file, remote, nvme)");
    }

    private static final String URL = "http://127.0.0.1:8080/big.bin?X-Amz-Signature=secret";

    private static BenchConfigBuilder remote() {
        return BenchConfig.builder().backend("remote").location(URL).operations(BenchOp.READ, BenchOp.RANDREAD)
                .settings(Settings.defaults());
    }

    @Test
    void shouldRefuseBlockSizesThatDirectIoCannotUse() {
        assertInvalid(() -> BenchConfig.builder().direct(true).blockSizes(4096, 6000).build(),
                "block size 6000 B is not a multiple of 4096 B: with direct I/O, unaligned parts "
                        + "would go through the page cache and the row would not measure direct I/O");
    }

    @Test
    void shouldAcceptUnalignedBlockSizesWithoutDirectIo() {
        assertThat(BenchConfig.builder().blockSizes(6000).build().blockSizes()).containsExactly(6000L);
    }

    @Test
    void shouldRefuseMoreIosInFlightThanTheDeepestQueue() {
        assertInvalid(() -> BenchConfig.builder().ioDepth(512).batchSize(256).blockSizes(512).build(),
                "iodepth 512 x batch size 256 = 131072 I/Os in flight exceeds 65536, the largest QUEUE_DEPTH");
    }

    private static void assertInvalid(Executable call, String message) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(FerryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(message);
    }
}
