package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.settings.Settings;
import io.ferry.testkit.NginxServer;
import io.ferry.testkit.Requirements;
import io.ferry.testkit.S3ProxyExtension;
import io.ferry.testkit.S3ProxyServer;
import io.ferry.testkit.TinyproxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Objects read through a real HTTP proxy (tinyproxy): forwarded http, https through CONNECT, NO_PROXY, proxy auth. */
@Timeout(120)
class ProxyTest {
    private static final byte[] CONTENT = RemoteFixture.randomBytes((1 << 20) + 17, 31);

    @TempDir
    static Path root;
    private static NginxServer nginx;
    @RegisterExtension
    static final TinyproxyExtension PROXY = TinyproxyExtension.open();
    @RegisterExtension
    static final TinyproxyExtension AUTH_PROXY = TinyproxyExtension.withBasicAuth("alice", "s3cret");
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = S3ProxyExtension.signed("ferry");

    @BeforeAll
    static void startNginx() throws IOException {
        Requirements.nginx();
        Files.write(root.resolve("object.bin"), CONTENT);
        nginx = NginxServer.startWithTls(root);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static RemoteFixture fixture(String engine, Map<String, String> environment) {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.TASK_SIZE, 256L << 10)
                .set(RemoteSettings.HTTP_CA_FILE, nginx.certificate().toString());
        return new RemoteFixture(engine, settings, factory -> factory.environment(environment));
    }

    private static byte[] read(RemoteFixture fixture, URI uri) {
        RemoteObject object = fixture.remote.open(uri.toString());
        MemorySegment memory = fixture.sentinelMemory(object.size());
        fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
        return RemoteFixture.bytes(memory);
    }

    private static String authority(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldForwardPlainHttpThroughTheProxyWithAnAbsoluteTarget(String engine) {
        URI uri = nginx.uri("object.bin");
        try (RemoteFixture fixture = fixture(engine, Map.of("http_proxy", PROXY.server().url()))) {
            assertThat(read(fixture, uri)).isEqualTo(CONTENT);
        }
        assertThat(PROXY.server().log()).contains("GET " + uri + " HTTP/1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldTunnelHttpsThroughConnectAndCheckTheOriginsCertificate(String engine) {
        URI uri = nginx.tlsUri("object.bin");
        try (RemoteFixture fixture = fixture(engine, Map.of("HTTPS_PROXY", PROXY.server().url()))) {
            assertThat(read(fixture, uri)).isEqualTo(CONTENT);
        }
        assertThat(PROXY.server().log()).contains("CONNECT " + authority(uri) + " HTTP/1.1");
    }

    @Test
    void shouldVerifyTheOriginsCertificateThroughTheTunnel() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(),
                factory -> factory.environment(Map.of("https_proxy", PROXY.server().url())))) {
            assertThatThrownBy(() -> fixture.remote.open(nginx.tlsUri("object.bin").toString()))
                    .hasMessageContaining("the server's certificate is not signed by an authority this process trusts");
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @Test
    void shouldGoStraightToHostsThatNoProxyNames() {
        // The proxy is a closed port: any request sent to it would fail.
        Map<String, String> environment = Map.of("all_proxy", "http://127.0.0.1:1", "no_proxy", "example.com, 127.0.0.0/8");
        try (RemoteFixture fixture = fixture("multiplexed", environment)) {
            assertThat(read(fixture, nginx.uri("object.bin"))).isEqualTo(CONTENT);
            assertThat(read(fixture, nginx.tlsUri("object.bin"))).isEqualTo(CONTENT);
        }
    }

    @Test
    void shouldNameTheProxyWhenItCannotBeReached() {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.HTTP_MAX_ATTEMPTS, 2);
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings,
                factory -> factory.environment(Map.of("https_proxy", "http://127.0.0.1:1")))) {
            assertThatThrownBy(() -> fixture.remote.open(nginx.tlsUri("object.bin").toString()))
                    .hasMessageContaining("cannot connect to https://127.0.0.1:" + nginx.tlsUri("x").getPort()
                            + " through proxy http://127.0.0.1:1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void shouldSendTheProxyCredentialsOfTheProxyUrl(String scheme) {
        URI uri = scheme.equals("http") ? nginx.uri("object.bin") : nginx.tlsUri("object.bin");
        String proxy = AUTH_PROXY.server().url("alice", "s3cret");
        try (RemoteFixture fixture = fixture("multiplexed", Map.of("http_proxy", proxy, "https_proxy", proxy))) {
            assertThat(read(fixture, uri)).isEqualTo(CONTENT);
        }
    }

    @Test
    void shouldReportARefusedConnectInOneLineWithoutRetrying() {
        URI uri = nginx.tlsUri("object.bin");
        String proxy = AUTH_PROXY.server().url("alice", "wrong");
        try (RemoteFixture fixture = fixture("multiplexed", Map.of("https_proxy", proxy))) {
            assertThatThrownBy(() -> fixture.remote.open(uri.toString()))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCESS_DENIED);
                        // tinyproxy answers a CONNECT without valid credentials with 401, not 407
                        assertThat(e.getMessage()).contains("proxy " + AUTH_PROXY.server().url() + " refused CONNECT to "
                                + authority(uri) + ": 401 Unauthorized").doesNotContain("\n", "wrong", "gave up");
                    });
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @Test
    void shouldReportAPlainRequestTheProxyRefused() {
        try (RemoteFixture fixture = fixture("multiplexed", Map.of("http_proxy", AUTH_PROXY.server().url()))) {
            assertThatThrownBy(() -> fixture.remote.open(nginx.uri("object.bin").toString()))
                    .hasMessageContaining("407 Proxy Authentication Required");
        }
    }

    @Test
    void shouldSignS3RequestsForwardedThroughTheProxyAsWithout() {
        S3ProxyServer s3 = S3PROXY.server();
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", s3.endpoint().toString(), "AWS_REGION", s3.region(),
                "AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey(), "http_proxy", PROXY.server().url());
        byte[] content = RemoteFixture.randomBytes((6 << 20) + 5, 32);
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.PART_SIZE, 5L << 20);
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings, factory -> factory.environment(environment, root))) {
            RemoteObject written = fixture.remote.create("s3://ferry/through-proxy.bin", content.length);
            MemorySegment memory = fixture.arena.allocate(content.length);
            MemorySegment.copy(MemorySegment.ofArray(content), 0, memory, 0, content.length);
            fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, written, 0))).throwIfFailed();

            RemoteObject read = fixture.remote.open("s3://ferry/through-proxy.bin");
            MemorySegment back = fixture.sentinelMemory(read.size());
            fixture.run(TransferOp.READ, List.of(Descriptor.of(back, read, 0))).throwIfFailed();
            assertThat(RemoteFixture.bytes(back)).isEqualTo(content);
        }
        assertThat(PROXY.server().log()).contains("PUT " + s3.endpoint() + "/ferry/through-proxy.bin?", "GET " + s3.endpoint()
                + "/ferry/through-proxy.bin HTTP/1.1");
    }

    @Test
    void shouldRefuseABackendWhoseProxyVariableCannotBeUsed() {
        assertThatThrownBy(() -> fixture("multiplexed", Map.of("https_proxy", "socks5://proxy:1080")))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage())
                        .contains("https_proxy=socks5://proxy:1080 cannot be used", "only http:// proxies"));
    }
}
