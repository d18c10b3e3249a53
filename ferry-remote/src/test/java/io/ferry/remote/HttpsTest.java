package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** https through ferry-net's TLS against a real nginx with a self-signed certificate. */
class HttpsTest {
    private static final byte[] CONTENT = RemoteFixture.randomBytes((2 << 20) + 3, 11);

    @TempDir
    static Path root;
    private static NginxServer nginx;

    @BeforeAll
    static void startNginx() throws IOException {
        Requirements.nginx();
        Files.write(root.resolve("secret.bin"), CONTENT);
        nginx = NginxServer.startWithTls(root);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadOverTlsTrustingTheGivenCertificate(String engine) {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.HTTP_CA_FILE, nginx.certificate().toString());
        try (RemoteFixture fixture = new RemoteFixture(engine, settings)) {
            RemoteObject object = fixture.remote.open(nginx.tlsUri("secret.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(object.size());

            fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
        }
    }

    @Test
    void shouldContinueHeldResponsesOverTls() {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.HTTP_CA_FILE, nginx.certificate().toString())
                .set(RemoteSettings.TASK_SIZE, 1L << 20);
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings)) {
            RemoteObject object = fixture.remote.open(nginx.tlsUri("secret.bin").toString(), RemoteOpenOption.SEQUENTIAL);

            MemorySegment memory = fixture.readInSequence(object, 64 << 10, 2);

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @Test
    void shouldSendABodyOverTlsAndReportTheServersRefusal() {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.HTTP_CA_FILE, nginx.certificate().toString());
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", settings)) {
            RemoteObject object = fixture.remote.create(nginx.tlsUri("upload.bin").toString(), 3 << 20);
            MemorySegment memory = fixture.arena.allocate(3 << 20);

            // nginx takes no body larger than 1 MiB: the body goes out over TLS, the answer is 413.
            TransferStatus status = fixture.run(TransferOp.WRITE, List.of(Descriptor.of(memory, object, 0)));

            assertThat(status.failures()).hasSize(1);
            assertThat(status.failures().getFirst().cause().getMessage()).contains("PUT https://127.0.0.1", "413");
        }
    }

    @Test
    void shouldRefuseAnUntrustedCertificateWithoutRetrying() {
        try (RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            assertThatThrownBy(() -> fixture.remote.open(nginx.tlsUri("secret.bin").toString()))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage())
                            .contains("https://127.0.0.1", "the server's certificate is not signed by an authority this process trusts",
                                    "FERRY_HTTP_CA_FILE").doesNotContain("gave up after", "PKIX", "Exception"));
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldRefuseAServerThatDoesNotSpeakTlsWithoutRetrying(String engine) {
        String plainPort = "https://127.0.0.1:" + nginx.uri("secret.bin").getPort() + "/secret.bin";
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks())) {
            assertThatThrownBy(() -> fixture.remote.open(plainPort))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.getMessage())
                            .contains("https://127.0.0.1", "the server does not speak TLS")
                            .doesNotContain("gave up after"));
            assertThat(fixture.remote.retries()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldReadFromAnUntrustedServerOnlyWhenToldToBeInsecure(String engine) {
        try (RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks().set(RemoteSettings.HTTP_INSECURE, "on"))) {
            RemoteObject object = fixture.remote.open(nginx.tlsUri("secret.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(object.size());

            fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
        }
    }

    @Test
    void shouldRefuseACertificateFileThatIsNotThere() {
        Settings.Builder settings = RemoteFixture.smallTasks().set(RemoteSettings.HTTP_CA_FILE, root.resolve("none.pem").toString());
        assertThatThrownBy(() -> new RemoteFixture("multiplexed", settings))
                .isInstanceOfSatisfying(FerryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SETTING);
                    assertThat(e.getMessage()).contains("HTTP_CA_FILE", "none.pem");
                });
    }
}
