package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every request says who sends it (User-Agent), and carries the headers the application added; bad ones are refused up front. */
class RequestHeadersTest {
    private static final byte[] CONTENT = RemoteFixture.randomBytes(300_000, 5);

    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldSendTheUserAgentAndTheAddedHeadersWithEveryRequest(String engine) {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture(engine, RemoteFixture.smallTasks(),
                     factory -> factory.headers(Map.of("Authorization", "Bearer token-1", "X-Trace", "a b")))) {
            server.put("/object.bin", CONTENT);
            RemoteObject object = fixture.remote.open(server.uri("/object.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(CONTENT.length);

            fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();

            assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
            assertThat(server.requests()).hasSizeGreaterThan(2).allSatisfy(request -> {
                assertThat(request.header("User-Agent")).startsWith("ferry/");
                assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");
                assertThat(request.header("X-Trace")).isEqualTo("a b");
            });
        }
    }

    @Test
    void shouldLetTheApplicationNameItselfInTheUserAgent() {
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(),
                     factory -> factory.headers(Map.of("User-Agent", "my-app/2")))) {
            server.put("/object.bin", CONTENT);
            fixture.remote.open(server.uri("/object.bin").toString());

            assertThat(server.requests()).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.header("User-Agent")).isEqualTo("my-app/2"));
        }
    }

    @Test
    void shouldRefuseHeadersThatAreMalformedOrManagedByFerry() {
        RemoteBackend.Factory factory = RemoteBackend.factory();
        for (Map<String, String> bad : List.of(Map.of("Bad Name", "x"), Map.of("X-Split", "a\r\nHost: evil"),
                Map.of("Range", "bytes=0-1"), Map.of("", "x"))) {
            assertThatThrownBy(() -> factory.headers(bad)).as(bad.toString()).isInstanceOfSatisfying(FerryException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }
}
