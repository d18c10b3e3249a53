package io.ferry.examples;

import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The download example against a real nginx on 127.0.0.1. */
class DownloadRangeTest {
    @TempDir
    Path root;

    @Test
    void shouldDownloadExactlyTheRangeAsked() throws Exception {
        Requirements.nginx();
        byte[] content = Files.readAllBytes(ExampleFiles.random(root.resolve("object.bin"), (20 << 20) + 777));
        int offset = 1_234_567;
        int length = (17 << 20) + 5;                      // more than one TASK_SIZE request
        try (NginxServer nginx = NginxServer.start(root)) {
            byte[] bytes = DownloadRange.download(nginx.uri("object.bin").toString(), offset, length);

            assertThat(bytes).isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
        }
    }
}
