package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.FerryException;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.testkit.Fault;
import io.ferry.testkit.FaultyHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A copy that fails ends its other transfers before it returns: nothing still writes into its freed buffers. */
class BlockCopyFailureTest {
    private static final int BLOCK = 64 << 10;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldCancelAndAwaitTheReadsInFlightWhenOneFails() {
        byte[] object = RandomFiles.bytes(4 * BLOCK);
        try (FaultyHttpServer server = FaultyHttpServer.start();
             Agent agent = CliAgents.create()) {
            server.put("/object.bin", object);
            // The first block's read stalls in the middle of its body; the second is refused.
            server.script().next(Fault.stallAfterBodyBytes(1000).on("GET")).next(Fault.status(403).on("GET"));
            RemoteBackend objects = agent.attach(RemoteBackend.factory());
            FileBackend files = agent.attach(FileBackend.factory());
            RemoteObject remote = objects.open(server.uri("/object.bin").toString());
            FileTarget out = files.open(dir.resolve("out.bin"), OpenFlag.WRITE, OpenFlag.CREATE);
            BlockCopy copy = new BlockCopy(object.length, BLOCK, 2);

            assertThatThrownBy(() -> copy.copy(agent, new BackoffIdleStrategy(), remote, new BlockOutput.AtOffsets(out),
                    done -> { }))
                    .isInstanceOf(FerryException.class).hasMessageContaining("403");

            // The agent is still open: only the copy itself can have ended the stalled read, whose
            // connection the server then sees closed. The refused one may stay open in the pool.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.openConnections() > 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            assertThat(server.openConnections()).as("connections still open after the failed copy returned").isLessThanOrEqualTo(1);
        }
    }
}
