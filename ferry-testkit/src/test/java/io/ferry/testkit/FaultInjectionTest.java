package io.ferry.testkit;

import io.ferry.testkit.RawHttpClient.Ending;
import io.ferry.testkit.RawHttpClient.RawResponse;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Every fault, seen from a client on a raw socket, and how the script hands faults out. */
class FaultInjectionTest extends ServedObjectTest {
    private static final int SIZE = 1 << 20;

    FaultInjectionTest() {
        super(SIZE);
    }

    @Test
    void shouldAnswerAStatusOnceAndKeepTheConnection() {
        server.script().next(Fault.status(503, "Slow Down").withHeader("Retry-After", "1"));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse refused = client.send("GET", "/object.bin").read();
            RawResponse served = client.send("GET", "/object.bin", "Range: bytes=0-3").read();

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.text()).isEqualTo("Slow Down\n");
            assertThat(served.status()).isEqualTo(206);
        }
        assertThat(server.script().pending()).isZero();
    }

    @Test
    void shouldAnswerAStatusWithACustomBody() {
        String xml = "<Error><Code>AccessDenied</Code></Error>";
        server.script().next(Fault.status(403).withBody("application/xml", xml));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin").read();

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Content-Type")).isEqualTo("application/xml");
            assertThat(response.text()).isEqualTo(xml);
        }
    }

    @Test
    void shouldResetAfterSomeBodyBytes() {
        server.script().next(Fault.resetAfterBodyBytes(1000));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin").read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
            assertThat(response.ending()).isEqualTo(Ending.RESET);
            assertThat(response.body()).isEqualTo(Arrays.copyOf(object, 1000));
        }
    }

    @Test
    void shouldStallAfterSomeBodyBytesUntilTheServerCloses() {
        server.script().next(Fault.stallAfterBodyBytes(1000));
        try (RawHttpClient client = new RawHttpClient(server.port(), 300)) {
            RawResponse response = client.send("GET", "/object.bin").read();

            assertThat(response.ending()).isEqualTo(Ending.TIMED_OUT);
            assertThat(response.body()).isEqualTo(Arrays.copyOf(object, 1000));
            long start = System.nanoTime();
            server.close();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void shouldCloseCleanlyAfterSomeBodyBytesOfARange() {
        server.script().next(Fault.truncateAfterBodyBytes(10));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin", "Range: bytes=100-199").read();

            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("Content-Length")).isEqualTo("100");
            assertThat(response.ending()).isEqualTo(Ending.CLOSED);
            assertThat(response.body()).isEqualTo(Arrays.copyOfRange(object, 100, 110));
        }
    }

    @Test
    void shouldAnswerAnotherRangeThanTheOneAsked() {
        server.script().next(2, Fault.wrongContentRange());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse inside = client.send("GET", "/object.bin", "Range: bytes=0-99").read();
            RawResponse atTheEnd = client.send("GET", "/object.bin", "Range: bytes=" + (SIZE - 10) + "-").read();

            assertThat(inside.status()).isEqualTo(206);
            assertThat(inside.header("Content-Range")).isEqualTo("bytes 1-100/" + SIZE);
            assertThat(inside.body()).isEqualTo(Arrays.copyOfRange(object, 1, 101));
            assertThat(atTheEnd.header("Content-Range")).isEqualTo("bytes " + (SIZE - 11) + "-" + (SIZE - 2) + "/" + SIZE);
        }
    }

    @Test
    void shouldIgnoreTheRange() {
        server.script().next(Fault.ignoreRange());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin", "Range: bytes=0-99").read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(object);
        }
    }

    @Test
    void shouldIgnoreTheRangeAndSendTheObjectChunkedWithoutLength() {
        server.script().next(2, Fault.ignoreRangeWithoutLength());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("GET", "/object.bin", "Range: bytes=0-0").read();
            RawResponse head = client.send("HEAD", "/object.bin").read(true);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(response.ending()).isEqualTo(Ending.COMPLETE);
            assertThat(response.body()).isEqualTo(object);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isNull();
        }
    }

    @Test
    void shouldHoldARequestUntilReleasedAndAnswerWithTheObjectAsItIsThen() {
        CountDownLatch release = new CountDownLatch(1);
        byte[] replacement = randomBytes(1000);
        server.script().next(Fault.holdUntil(release).on("GET"));
        try (RawHttpClient held = new RawHttpClient(server.port(), 200);
             RawHttpClient other = new RawHttpClient(server.port())) {
            assertThat(held.send("GET", "/object.bin", "Range: bytes=0-9").read().ending()).isEqualTo(Ending.TIMED_OUT);
            RawResponse passing = other.send("GET", "/object.bin", "Range: bytes=0-9").read();
            server.put("/object.bin", replacement);
            release.countDown();

            assertThat(passing.body()).isEqualTo(Arrays.copyOf(object, 10));
            assertThat(held.read().body()).isEqualTo(Arrays.copyOf(replacement, 10));
        }
    }

    @Test
    void shouldCloseAKeptAliveConnectionWhenItsNextRequestArrivesButServeNewConnections() {
        server.script().always(Fault.keepAliveExpired());
        try (RawHttpClient first = new RawHttpClient(server.port());
             RawHttpClient second = new RawHttpClient(server.port())) {
            RawResponse served = first.send("HEAD", "/object.bin").read(true);
            RawResponse expired = first.send("HEAD", "/object.bin").read(true);
            RawResponse servedAgain = second.send("HEAD", "/object.bin").read(true);

            assertThat(served.status()).isEqualTo(200);
            assertThat(expired.status()).isZero();
            assertThat(expired.ending()).isEqualTo(Ending.CLOSED);
            assertThat(servedAgain.status()).isEqualTo(200);
        }
        assertThat(server.requests()).extracting(RecordedRequest::connection).containsExactly(1, 1, 2);
    }

    @Test
    void shouldForbidHeadButServeGet() {
        server.script().always(Fault.headForbidden());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse get = client.send("GET", "/object.bin", "Range: bytes=0-0").read();
            RawResponse head = client.send("HEAD", "/object.bin").read(true);
            RawResponse headAgain = client.send("HEAD", "/object.bin").read(true);

            assertThat(get.status()).isEqualTo(206);
            assertThat(head.status()).isEqualTo(403);
            assertThat(headAgain.status()).isEqualTo(403);
        }
    }

    @Test
    void shouldCloseOrStallBeforeAnswering() {
        server.script().next(Fault.closeBeforeResponse()).next(Fault.stallBeforeResponse());
        try (RawHttpClient closing = new RawHttpClient(server.port());
             RawHttpClient stalling = new RawHttpClient(server.port(), 200)) {
            assertThat(closing.send("GET", "/object.bin").read().ending()).isEqualTo(Ending.CLOSED);
            assertThat(stalling.send("GET", "/object.bin").read().ending()).isEqualTo(Ending.TIMED_OUT);
        }
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void shouldKeepAFaultForItsMethodAndPathWhileOthersPass() {
        server.put("/other", new byte[10]);
        server.script().next(Fault.status(500).on("PUT", "/other"));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            int getOther = client.send("GET", "/other").read().status();
            int putElsewhere = client.send("PUT", "/object.bin", "Content-Length: 0").read().status();
            int putOther = client.send("PUT", "/other", "Content-Length: 0").read().status();
            int putOtherAgain = client.send("PUT", "/other", "Content-Length: 0").read().status();

            assertThat(new int[] {getOther, putElsewhere, putOther, putOtherAgain}).containsExactly(200, 200, 500, 200);
        }
    }

    @Test
    void shouldPreferQueuedFaultsToPersistentOnesUntilCleared() {
        server.script().always(Fault.status(503)).next(Fault.status(500).onPath("/object.bin"));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            int first = client.send("HEAD", "/object.bin").read(true).status();
            int second = client.send("HEAD", "/object.bin").read(true).status();
            server.script().clear();
            int afterClear = client.send("HEAD", "/object.bin").read(true).status();

            assertThat(new int[] {first, second, afterClear}).containsExactly(500, 503, 200);
        }
    }

    @Test
    void shouldRefuseAnUploadBeforeItsBodyWhenTheClientExpectsContinue() {
        server.script().next(Fault.status(403).on("PUT"));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawResponse response = client.send("PUT", "/new", "Content-Length: 1000000", "Expect: 100-continue").read();

            assertThat(response.status()).isEqualTo(403);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(server.content("/new")).isEmpty();
    }
}
