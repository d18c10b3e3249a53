package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows on the remote backend against a real nginx on 127.0.0.1, on both engines. */
class RemoteBenchTest {
    private static final int OBJECT_BYTES = 8 << 20;
    private static final long BLOCK_BYTES = 1 << 20;
    private static final int IOS = 12;

    @TempDir
    static Path root;
    private static NginxServer nginx;

    @BeforeAll
    static void startNginx() throws IOException {
        Requirements.nginx();
        byte[] pattern = new byte[OBJECT_BYTES];
        Pattern.fill(MemorySegment.ofArray(pattern), 0, OBJECT_BYTES, 0);
        Files.write(root.resolve("pattern.bin"), pattern);
        Files.write(root.resolve("zeros.bin"), new byte[OBJECT_BYTES]);
        nginx = NginxServer.start(root);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static BenchConfigBuilder remote(String object, String engine) {
        Settings settings = Settings.builder()
                .set(RemoteSettings.REMOTE_ENGINE, engine)
                .set(RemoteSettings.REMOTE_MAX_CONNECTIONS, 4)
                .set(RemoteSettings.TASK_SIZE, 256L << 10)
                .build();
        return BenchConfig.builder().backend("remote").location(nginx.uri(object) + "?token=secret")
                .operations(BenchOp.READ, BenchOp.RANDREAD).blockSizes(BLOCK_BYTES).ioDepth(4)
                .numberIos(IOS).warmupNs(0).settings(settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadTheObjectInEachRowAndVerifyItsBytes(String engine) {
        BenchConfig config = remote("pattern.bin", engine).verify(true).build();

        List<BenchRow> rows = BenchRunner.run(config, BenchListener.NO_OP);

        assertThat(rows).extracting(row -> row.ferry().op()).containsExactly(BenchOp.READ, BenchOp.RANDREAD);
        for (BenchRow row : rows) {
            BenchResult result = row.ferry();
            assertThat(result.bytes()).isEqualTo(IOS * BLOCK_BYTES);
            assertThat(result.transfers()).isEqualTo(IOS);
            assertThat(result.engine()).isEqualTo(engine);
            assertThat(result.direct()).isFalse();
            assertThat(result.seconds()).isPositive();
            assertThat(result.cpuSecondsPerGB()).isPositive();
        }
    }

    @Test
    void shouldResolveTheSizeToTheWholeObjectAndRecordTheRunWithoutTheQuery() {
        BenchConfig config = BenchRunner.resolve(remote("pattern.bin", "multiplexed").build());

        assertThat(config.fileSizeBytes()).isEqualTo(OBJECT_BYTES);
        Map<String, String> recorded = RunConfig.of(config);
        assertThat(recorded.keySet()).containsSubsequence(RunConfig.NAMES).containsSubsequence(RunConfig.REMOTE_NAMES);
        assertThat(recorded).containsEntry("filename", nginx.uri("pattern.bin").toString())
                .containsEntry("backend", "remote").containsEntry("size", "8m").containsEntry("ioengine", "multiplexed")
                .containsEntry("remote_engine", "multiplexed").containsEntry("connections", "4")
                .containsEntry("task_size", "256k");
        assertThat(recorded.values()).noneMatch(value -> value.contains("secret"));
    }

    @Test
    void shouldRefuseASizeLargerThanTheObject() {
        BenchConfig config = remote("pattern.bin", "multiplexed").fileSizeBytes(16 << 20).build();

        assertThatThrownBy(() -> BenchRunner.run(config, BenchListener.NO_OP))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.OUT_OF_RANGE))
                .hasMessage("--size 16m exceeds the 8388608 bytes of object " + nginx.uri("pattern.bin"));
    }

    @Test
    void shouldFailVerificationOfAnObjectWithoutTheBenchmarkPattern() {
        BenchConfig config = remote("zeros.bin", "multiplexed").operations(BenchOp.READ).verify(true).build();

        assertThatThrownBy(() -> BenchRunner.run(config, BenchListener.NO_OP))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VERIFY_FAILED))
                .hasMessageContaining("object " + nginx.uri("zeros.bin") + " holds 0x00 at offset 0");
    }
}
