package io.ferry.stream;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.file.FileBackend;
import io.ferry.file.FileEngines;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.net.NetLoop;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A caller that drives an agent from its own network loop (as the receiver does) sleeps in that loop
 * while a write is on the device, and the write's completion ends the sleep.
 */
@Timeout(120)
class WatchCompletionsTest {
    private static final long FOREVER_NS = TimeUnit.MINUTES.toNanos(10);

    @TempDir
    Path dir;

    private static Settings engine(String engine) {
        return Settings.builder().set(FileSettings.FILE_ENGINE, engine).set(FileSettings.FILE_SHARDS, 2).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "libaio"})
    void shouldEndTheLoopsWaitWhenAWriteCompletes(String engine) throws IOException {
        assumeTrue(FileEngines.builtins().find(engine).support().supported(), engine + " is not supported here");
        byte[] bytes = RoundTripTest.mixedBytes(61, 1 << 20);
        try (Agent agent = Agent.create(engine(engine)); NetLoop loop = NetLoop.open("watching");
             Arena arena = Arena.ofConfined()) {
            FileBackend files = agent.attach(FileBackend.factory());
            assertThat(agent.watchCompletions(loop)).isTrue();
            FileTarget file = files.open(dir.resolve("written.bin"), OpenFlag.WRITE, OpenFlag.CREATE);
            MemorySegment memory = arena.allocate(bytes.length, 4096).copyFrom(MemorySegment.ofArray(bytes));
            try (Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, 0)))) {
                write.post();
                while (!write.state().isComplete()) {
                    if (agent.poll() == 0) {
                        loop.await(FOREVER_NS); // only a completion can end it: nothing else is in the loop
                    }
                }
                assertThat(write.state()).isEqualTo(TransferState.DONE);
            }
        }
        assertThat(Files.readAllBytes(dir.resolve("written.bin"))).isEqualTo(bytes);
    }

    @Test
    void shouldSayWhenTheWaiterCannotWatch() {
        assumeTrue(FileEngines.builtins().find("io_uring").support().supported(), "io_uring is not supported here");
        try (Agent agent = Agent.create(engine("io_uring")); Agent synchronous = Agent.create(engine("psync"))) {
            agent.attach(FileBackend.factory());
            synchronous.attach(FileBackend.factory());
            PollGroup parking = new PollGroup("parking");
            assertThat(agent.watchCompletions(parking.waiter())).as("a parking waiter cannot watch the rings").isFalse();
            assertThat(synchronous.watchCompletions(parking.waiter())).as("psync has nothing to watch").isTrue();
        }
    }
}
