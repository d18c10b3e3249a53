package io.ferry.file.engine;

import io.ferry.settings.Settings;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Closing a queue gives back everything it took: no file descriptor and no AIO ring mapping (shown
 * as {@code /[aio]} in /proc/self/maps; the kernel unmaps it in io_destroy). The system-wide
 * fs.aio-nr counter is deliberately not checked: other processes change it.
 */
class LibaioCleanupTest {
    private static final int QUEUES = 50;
    private static final int DEPTH = 32;

    @BeforeEach
    void checkSupport() {
        assumeTrue(new LibaioEngine().support().supported(), () -> new LibaioEngine().support().reason());
    }

    @Test
    void shouldLeakNoFdOrRingMappingAfterFiftyQueues() throws IOException {
        Settings settings = Settings.builder().build();
        new LibaioEngine().open(DEPTH, settings).close();
        Set<String> fdsBefore = openFds();
        long aioMappingsBefore = aioMappings();

        for (int i = 0; i < QUEUES; i++) {
            IoQueue queue = new LibaioEngine().open(DEPTH, settings);
            assertThat(aioMappings()).as("a live queue maps its ring").isEqualTo(aioMappingsBefore + 1);
            queue.close();
            queue.close();
        }

        assertThat(openFds()).isEqualTo(fdsBefore);
        assertThat(aioMappings()).isEqualTo(aioMappingsBefore);
    }

    private static Set<String> openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> fd.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static long aioMappings() throws IOException {
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        return maps.stream().filter(line -> line.contains("/[aio]")).count();
    }
}
