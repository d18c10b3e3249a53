package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.TransferOp;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import io.ferry.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opening an object is a step on the engine's own connections, finished when the agent is polled:
 * nothing is sent before the first poll, a stalled open that its caller gives up on frees its
 * connection at once, and opens in flight are bounded. One connection and a timeout of an hour
 * make every test fail (by its own timeout) if a stalled request kept its connection.
 */
@Timeout(60)
class OpenAsyncTest {
    private static final byte[] CONTENT = RemoteFixture.randomBytes(700_000, 21);

    private FaultyHttpServer server;
    private RemoteFixture fixture;

    @BeforeEach
    void start() {
        server = FaultyHttpServer.start().put("/a.bin", CONTENT);
        fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks()
                .set(RemoteSettings.REMOTE_MAX_CONNECTIONS, 1)
                .set(RemoteSettings.HTTP_TIMEOUT, 3_600_000_000_000L));
    }

    @AfterEach
    void stop() {
        fixture.close();
        server.close();
    }

    private String uri() {
        return server.uri("/a.bin").toString();
    }

    @Test
    void shouldOpenWhenTheAgentIsPolledAndReadTheObject() throws Exception {
        CompletableFuture<RemoteObject> opening = fixture.remote.openAsync(uri());

        assertThat(opening).isNotDone();
        assertThat(server.requestCount()).isZero();
        fixture.pollUntil(opening::isDone);
        RemoteObject object = opening.get();
        assertThat(object.size()).isEqualTo(CONTENT.length);
        assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("HEAD");

        MemorySegment memory = fixture.sentinelMemory(object.size());
        fixture.run(TransferOp.READ, List.of(Descriptor.of(memory, object, 0))).throwIfFailed();
        assertThat(RemoteFixture.bytes(memory)).isEqualTo(CONTENT);
    }

    @Test
    void shouldCutOffAStalledOpenWhenItsFutureIsCancelled() throws Exception {
        server.script().next(Fault.stallBeforeResponse().on("HEAD"));
        CompletableFuture<RemoteObject> stalled = fixture.remote.openAsync(uri());
        fixture.pollUntil(() -> server.requestCount() == 1);

        stalled.cancel(false);
        CompletableFuture<RemoteObject> next = fixture.remote.openAsync(uri());
        fixture.pollUntil(next::isDone);

        assertThat(stalled).isCancelled();
        assertThat(next.get().size()).isEqualTo(CONTENT.length);
        assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("HEAD", "HEAD");
    }

    @Test
    void shouldFailAnInterruptedOpenByNameAndCancelIt() throws Exception {
        server.script().next(Fault.stallBeforeResponse().on("HEAD"));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> open = caller.submit(() -> fixture.remote.open(uri()));
            while (server.requestCount() == 0) {
                Thread.onSpinWait();
            }
            caller.shutdownNow();

            assertThatThrownBy(open::get).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(FerryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERRUPTED);
                        assertThat(e.getMessage()).contains("open " + uri(), "cancelled");
                    });
            assertThat(caller.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            caller.shutdownNow();
        }
        assertThat(fixture.remote.open(uri()).size()).isEqualTo(CONTENT.length);
    }

    @Test
    void shouldRefuseMoreOpensInFlightThanItsBoundAndTakeThemAgainOnceCancelled() {
        List<CompletableFuture<RemoteObject>> waiting = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            waiting.add(fixture.remote.openAsync(uri()));
        }

        assertThatThrownBy(() -> fixture.remote.openAsync(uri()))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUEUE_FULL))
                .hasMessageContaining("64 opens are in flight");
        waiting.forEach(opening -> opening.cancel(false));
        fixture.agent.poll();
        CompletableFuture<RemoteObject> after = fixture.remote.openAsync(uri());
        fixture.pollUntil(after::isDone);

        assertThat(after.join().size()).isEqualTo(CONTENT.length);
        assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("HEAD");
        assertThatThrownBy(waiting.get(0)::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void shouldFailAnOpenInFlightWhenTheAgentCloses() {
        server.script().next(Fault.stallBeforeResponse().on("HEAD"));
        CompletableFuture<RemoteObject> stalled = fixture.remote.openAsync(uri());
        fixture.pollUntil(() -> server.requestCount() == 1);

        fixture.agent.close();

        assertThatThrownBy(stalled::join).cause().isInstanceOfSatisfying(FerryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLOSED));
    }
}
