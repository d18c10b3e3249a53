package io.ferry.cli;

import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import io.ferry.testkit.TinyproxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry get} through a real HTTP proxy, from the environment or from -x, and past it with --noproxy. */
@Timeout(180)
class ProxyCommandsTest {
    @RegisterExtension
    static final TinyproxyExtension PROXY = TinyproxyExtension.open();

    @TempDir
    Path dir;

    private static String authority(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Test
    void shouldGetThroughTheProxyOfTheOption() throws IOException {
        Requirements.nginx();
        Path served = Files.createDirectory(dir.resolve("served"));
        Path object = RandomFiles.write(dir, "served/object.bin", (2 << 20) + 99);
        try (NginxServer nginx = NginxServer.startWithTls(served)) {
            URI uri = nginx.tlsUri("object.bin");
            Path got = dir.resolve("got.bin");

            CliRun run = CliRun.of("get", uri.toString(), got.toString(), "-x", PROXY.server().url(), "--cacert",
                    nginx.certificate().toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(object));
            assertThat(PROXY.server().log()).contains("CONNECT " + authority(uri) + " HTTP/1.1");
        }
    }

    @Test
    void shouldTakeTheProxyFromTheEnvironmentAndGoPastItForNoProxyHosts() throws Exception {
        Requirements.nginx();
        Path served = Files.createDirectory(dir.resolve("served"));
        Path object = RandomFiles.write(dir, "served/object.bin", (1 << 20) + 7);
        try (NginxServer nginx = NginxServer.start(served)) {
            URI uri = nginx.uri("object.bin");
            Map<String, String> environment = Map.of("HOME", dir.toString(), "http_proxy", PROXY.server().url());

            ChildCli viaEnvironment = ChildCli.run(dir, environment, dir, "get", uri.toString(),
                    dir.resolve("a.bin").toString(), "--no-progress");
            // The proxy of -x is a closed port: only --noproxy lets the request through.
            CliRun bypassing = CliRun.of("get", uri.toString(), dir.resolve("b.bin").toString(), "-x", "http://127.0.0.1:1",
                    "--noproxy", "localhost,127.0.0.1", "--no-progress");

            assertThat(viaEnvironment.exitCode()).as(viaEnvironment.err()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("a.bin"))).isEqualTo(Files.readAllBytes(object));
            assertThat(PROXY.server().log()).contains("GET " + uri + " HTTP/1.1");
            assertThat(bypassing.exitCode()).as(bypassing.err()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("b.bin"))).isEqualTo(Files.readAllBytes(object));
        }
    }

    @Test
    void shouldRefuseAProxyItCannotUseInOneLine() {
        CliRun run = CliRun.of("get", "https://127.0.0.1:1/x", dir.resolve("x").toString(), "-x", "socks5://127.0.0.1:1080");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("--proxy", "only http:// proxies are supported").doesNotContain("\n");
    }
}
