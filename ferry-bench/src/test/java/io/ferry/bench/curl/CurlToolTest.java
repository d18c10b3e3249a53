package io.ferry.bench.curl;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.BenchListener;
import io.ferry.bench.BenchOp;
import io.ferry.bench.BenchRow;
import io.ferry.bench.BenchRunner;
import io.ferry.bench.ReferenceResult;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CurlToolTest {
    @TempDir
    Path dir;

    private static BenchConfig remote(String url) {
        return BenchConfig.builder().backend("remote").location(url).operations(BenchOp.READ).blockSizes(1 << 20)
                .numberIos(6).warmupNs(0).ioDepth(2)
                .settings(Settings.builder().set(RemoteSettings.REMOTE_MAX_CONNECTIONS, 3).build()).build();
    }

    @Test
    void shouldRefuseWhatCurlCannotReadBeforeTheSweep() {
        assertThatThrownBy(() -> CurlTool.probe(BenchConfig.builder().build()))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("--compare curl reads remote objects");
        assertThatThrownBy(() -> CurlTool.probe(remote("s3://bucket/big.bin")))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("curl cannot sign S3 requests");
    }

    @Test
    void shouldSayHowToGetCurlWhenItIsMissing() {
        assertThatThrownBy(() -> CurlTool.probe(remote("http://127.0.0.1/x"), dir.resolve("no-such-curl").toString()))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("curl is not available", "apt-get install -y curl");
                });
    }

    @Test
    void shouldFetchTheBytesFerryReadWithParallelCurlsAndChargeTheirCpu() throws IOException {
        Requirements.nginx();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Files.write(dir.resolve("object.bin"), new byte[4 << 20]);
        try (NginxServer nginx = NginxServer.start(dir)) {
            String url = nginx.uri("object.bin") + "?token=secret";
            BenchConfig config = remote(url);

            BenchRow row = BenchRunner.run(config, BenchListener.NO_OP, List.of(CurlTool.probe(config))).getFirst();

            ReferenceResult curl = row.reference("curl").orElseThrow();
            assertThat(row.ferry().bytes()).isEqualTo(6L << 20);
            assertThat(curl.bandwidthGBps()).isPositive();
            assertThat(curl.cpuSecondsPerGB()).isNotNegative();
            assertThat(row.ratio("curl")).isPositive().isFinite();
            assertThat(curl.command()).startsWith("3 parallel processes, 3 ranges in all; the first: curl -sS --fail "
                    + "-o /dev/null -r 0-2097151 " + nginx.uri("object.bin")).doesNotContain("secret");
        }
    }
}
