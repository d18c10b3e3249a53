package io.ferry.testkit;

import io.ferry.testkit.RawHttpClient.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A server that forwards to another: answers relayed as they are, faults of its own script on top. */
class ForwardingTest extends ServedObjectTest {
    private FaultyHttpServer proxy;

    ForwardingTest() {
        super(100_000);
    }

    private FaultyHttpServer proxy() {
        proxy = FaultyHttpServer.forwardingTo(server.baseUri());
        return proxy;
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldRelayRangesHeadsAndUploadsWithTheirHeaders() {
        try (RawHttpClient client = new RawHttpClient(proxy().port())) {
            RawResponse range = client.send("GET", "/object.bin", "Range: bytes=10-19").read();
            RawResponse head = client.send("HEAD", "/object.bin").read(true);
            RawResponse put = client.send("PUT", "/new.bin?x=1", "Content-Length: 3").sendRaw("abc").read();
            RawResponse refused = client.send("GET", "/object.bin", "If-Match: \"other\"").read();

            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes 10-19/100000");
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(object, 10, 20));
            assertThat(head.header("Content-Length")).isEqualTo("100000");
            assertThat(head.header("ETag")).isEqualTo(range.header("ETag")).isNotNull();
            assertThat(put.status()).isEqualTo(200);
            assertThat(server.content("/new.bin")).hasValueSatisfying(body -> assertThat(body).asString().isEqualTo("abc"));
            assertThat(refused.status()).isEqualTo(412);
        }
        assertThat(server.requests()).extracting(RecordedRequest::target)
                .containsExactly("/object.bin", "/object.bin", "/new.bin?x=1", "/object.bin");
    }

    @Test
    void shouldApplyItsOwnFaultsBeforeForwarding() {
        proxy().script().next(Fault.status(503).on("GET")).next(Fault.truncateAfterBodyBytes(5).on("GET"));
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            RawResponse refused = client.send("GET", "/object.bin").read();
            RawResponse cut = client.send("GET", "/object.bin", "Range: bytes=0-99").read();

            assertThat(refused.status()).isEqualTo(503);
            assertThat(cut.status()).isEqualTo(206);
            assertThat(cut.body()).isEqualTo(Arrays.copyOf(object, 5));
        }
        assertThat(server.requestCount()).as("the refused request never reached the server").isEqualTo(1);
    }
}
