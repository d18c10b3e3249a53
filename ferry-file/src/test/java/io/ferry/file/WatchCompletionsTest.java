package io.ferry.file;

import io.ferry.Agent;
import io.ferry.poll.Waiter;
import io.ferry.settings.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A caller that drives an agent from its own loop can have the file shards' completions end its waits. */
class WatchCompletionsTest {
    /** Records what it is asked to watch, as a network loop would add it to its epoll set. */
    private static final class Watching implements Waiter {
        final List<Integer> watched = new ArrayList<>();

        @Override
        public void await(long timeoutNs) {
        }

        @Override
        public void wakeup() {
        }

        @Override
        public boolean watch(int fd) {
            return watched.add(fd);
        }
    }

    @ParameterizedTest
    @CsvSource({"io_uring, 2", "libaio, 2", "psync, 0"})
    void shouldHandEveryShardsCompletionDescriptorToTheWaiter(String engine, int descriptors) {
        assumeTrue(FileEngines.builtins().find(engine).support().supported(), engine + " is not supported here");
        Settings settings = Settings.builder().set(FileSettings.FILE_ENGINE, engine).set(FileSettings.FILE_SHARDS, 2).build();
        try (Agent agent = Agent.create(settings)) {
            agent.attach(FileBackend.factory());
            Watching loop = new Watching();
            assertThat(agent.watchCompletions(loop)).isTrue();
            assertThat(loop.watched).as("psync completes within its polls").hasSize(descriptors)
                    .doesNotHaveDuplicates().allSatisfy(fd -> assertThat(fd).isNotNegative());
        }
    }
}
