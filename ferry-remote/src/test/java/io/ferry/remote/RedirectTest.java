package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirects of http(s) objects are followed at open, boundedly, and credentials do not follow them to another host. */
class RedirectTest {
    private static final byte[] CONTENT = RemoteFixture.randomBytes(200_001, 8);

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void shouldReadTheObjectARedirectPointsAt(int status) {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            server.put("/new/object.bin", CONTENT);
            server.script().always(Fault.status(status).withHeader("Location", "new/object.bin").onPath("/object.bin"));
            RemoteObject object = fixture.remote.open(server.uri("/object.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(CONTENT.length);

            fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(object.location()).endsWith("/new/object.bin");
            assertThat(server.requests()).filteredOn(request -> request.path().equals("/object.bin")).hasSize(1);
        }
    }

    @Test
    void shouldStopALoopOfRedirects() {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            server.script().always(Fault.status(302).withHeader("Location", "/loop.bin").onPath("/loop.bin"));

            assertThatThrownBy(() -> fixture.remote.open(server.uri("/loop.bin").toString()))
                    .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e).hasMessageEndingWith("more than 10 redirects"));
            assertThat(server.requestCount()).isEqualTo(11);
        }
    }

    @Test
    void shouldRefuseARedirectToAnotherScheme() {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            server.script().always(Fault.status(301).withHeader("Location", "ftp://example.org/x").onPath("/x"));

            assertThatThrownBy(() -> fixture.remote.open(server.uri("/x").toString()))
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.IO_ERROR);
                        assertThat(e).hasMessageContaining("redirected to ftp://example.org/x, which Ferry cannot follow");
                    });
        }
    }

    @Test
    void shouldNotSendCredentialsToTheHostARedirectPointsAt() {
        try (FaultyHttpServer origin = FaultyHttpServer.start();
             FaultyHttpServer elsewhere = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(),
                     factory -> factory.headers(Map.of("Authorization", "Bearer secret", "X-Trace", "t1")))) {
            elsewhere.put("/object.bin", CONTENT);
            origin.script().always(Fault.status(302).withHeader("Location", elsewhere.uri("/object.bin").toString()).onPath("/x"));
            RemoteObject object = fixture.remote.open(origin.uri("/x").toString());
            MemorySegment memory = fixture.sentinelMemory(CONTENT.length);

            fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(origin.requests()).extracting(request -> request.header("Authorization")).containsOnly("Bearer secret");
            assertThat(elsewhere.requests()).isNotEmpty().allSatisfy(request -> {
                assertThat(request.header("Authorization")).isNull();
                assertThat(request.header("X-Trace")).isEqualTo("t1");
            });
        }
    }
}
