package io.ferry.remote;

import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferStatus;
import io.ferry.runtime.FerryRuntime;
import io.ferry.runtime.TransferFutures;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multiplexed engine changes hands between threads: the test thread drives it first, then a
 * runtime's poll thread, and the agent is closed on the test thread after the runtime stopped,
 * without a connection left open.
 */
class RuntimeDrivenTest {
    private static long openSockets() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void shouldBeDrivenByARuntimeAndCloseEverySocket() throws Exception {
        byte[] content = RemoteFixture.randomBytes(1 << 20, 5);
        try (FaultyHttpServer server = FaultyHttpServer.start()) {
            server.put("/a.bin", content);
            long socketsBefore = openSockets();
            FerryRuntime runtime = FerryRuntime.builder().pollGroups(1).build();
            RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks(), f -> f, runtime::newAgent);
            RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(content.length);

            Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));
            TransferFutures.postChecked(transfer).get(60, TimeUnit.SECONDS);
            transfer.release();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(content);
            fixture.close();
            runtime.close();

            // The server's ends of the connections close when it reads the end of each, a moment later.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (openSockets() > socketsBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(openSockets()).as("sockets of the backend are closed").isLessThanOrEqualTo(socketsBefore);
        }
    }

    @Test
    void shouldWakeAThreadWaitingForActivityWhenATransferIsPosted() throws Exception {
        byte[] content = RemoteFixture.randomBytes(100_000, 6);
        try (FaultyHttpServer server = FaultyHttpServer.start();
             RemoteFixture fixture = new RemoteFixture("multiplexed", RemoteFixture.smallTasks())) {
            server.put("/a.bin", content);
            RemoteObject object = fixture.remote.open(server.uri("/a.bin").toString());
            MemorySegment memory = fixture.sentinelMemory(content.length);
            Transfer transfer = fixture.agent.prepare(TransferOp.READ, List.of(Descriptor.of(memory, object, 0)));
            Thread poster = Thread.ofVirtual().start(() -> {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                transfer.post();
            });

            long startNs = System.nanoTime();
            fixture.agent.waiter().await(TimeUnit.SECONDS.toNanos(30));
            long waitedNs = System.nanoTime() - startNs;
            poster.join();
            TransferStatus status = transfer.await(RemoteFixture.AWAIT);

            assertThat(waitedNs).as("woken by the post, long before the 30 s timeout").isLessThan(TimeUnit.SECONDS.toNanos(20));
            assertThat(status.isDone()).isTrue();
            assertThat(RemoteFixture.bytes(memory)).isEqualTo(content);
            transfer.release();
        }
    }
}
