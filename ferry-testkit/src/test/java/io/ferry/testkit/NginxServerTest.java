package io.ferry.testkit;

import io.ferry.testkit.RawHttpClient.RawResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A real nginx: started on a free port, serving ranges and HEAD on kept-alive connections, and gone after close. */
class NginxServerTest {
    private static final byte[] OBJECT = ServedObjectTest.randomBytes(300_000);

    @TempDir
    Path root;

    @BeforeEach
    void requireNginx() throws Exception {
        Requirements.nginx();
        Files.createDirectories(root.resolve("dir with space"));
        Files.write(root.resolve("dir with space/object.bin"), OBJECT);
    }

    @Test
    void shouldServeRangesAndHeadOnOneConnection() {
        try (NginxServer nginx = NginxServer.start(root);
             RawHttpClient client = new RawHttpClient(nginx.baseUri().getPort(), 200)) {
            String path = nginx.uri("dir with space/object.bin").getRawPath();
            RawResponse range = client.send("GET", path, "Range: bytes=1000-1999").read();
            RawResponse head = client.send("HEAD", path).read(true);
            RawResponse missing = client.send("GET", "/missing").read();

            assertThat(path).isEqualTo("/dir%20with%20space/object.bin");
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/300000");
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(OBJECT, 1000, 2000));
            assertThat(head.header("Content-Length")).isEqualTo("300000");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(client.closedByServer()).isFalse();
        }
    }

    @Test
    void shouldLeaveNoProcessNorPrefixBehind() {
        NginxServer nginx = NginxServer.start(root);
        ProcessHandle process = nginx.processHandle();
        assertThat(nginx.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(process.isAlive()).isTrue();

        nginx.close();
        nginx.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(root.resolve("dir with space/object.bin")).exists();
    }
}
