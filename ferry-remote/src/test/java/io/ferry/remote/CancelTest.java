package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.DescriptorFailure;
import io.ferry.ErrorCode;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelling ends requests in flight at once, even a stalled one, and reports CANCELLED. */
class CancelTest {
    @ParameterizedTest
    @ValueSource(strings = {"multiplexed", "blocking"})
    void shouldEndAStalledReadWhenCancelledAndReadAgainAfterwards(String engine) {
        byte[] content = RemoteFixture.randomBytes(200_000, 3);
        try (FaultyHttpServer server = FaultyHttpServer.start();
             // Without the abort, the stalled request would hold the transfer for the whole timeout.
             RemoteFixture fixture = new RemoteFixture(engine,
                     RemoteFixture.smallTasks().set(RemoteSettings.HTTP_TIMEOUT, 600_000_000_000L))) {
            server.put("/a.bin", content);
            RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString());
            server.script().next(Fault.stallAfterBodyBytes(10_000).on("GET"));
            MemorySegment memory = fixture.sentinelMemory(50_000);
            Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));

            transfer.post();
            while (server.requestCount() < 2) {
                fixture.agent.poll();
            }
            transfer.cancel();
            TransferStatus cancelled = transfer.await(RemoteFixture.AWAIT);
            assertThat(server.script().pending()).isZero();

            assertThat(cancelled.failures()).extracting(DescriptorFailure::index).containsExactly(0);
            assertThat(cancelled.failures().getFirst().cause().errorCode()).isEqualTo(ErrorCode.CANCELLED);
            transfer.post();
            assertThat(transfer.await(RemoteFixture.AWAIT).isDone()).isTrue();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(java.util.Arrays.copyOf(content, 50_000));
            transfer.release();
        }
    }
}
