package io.ferry.file.engine;

import io.ferry.settings.Settings;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Closing a queue gives back its ring descriptor and every mapping, checked through /proc/self. */
class IoUringCleanupTest {
    private static final int QUEUES = 50;

    @BeforeEach
    void setUp() {
        assumeTrue(new IoUringEngine().support().supported(), () -> new IoUringEngine().support().reason());
    }

    @Test
    void shouldLeaveNoDescriptorOrMappingAfterClose() throws IOException {
        long fdsBefore = openDescriptors();
        long mapsBefore = ringMappings();
        List<IoQueue> queues = new ArrayList<>();
        for (int i = 0; i < QUEUES; i++) {
            queues.add(new IoUringEngine().open(1 + i, Settings.builder().build()));
        }
        assertThat(openDescriptors()).as("one ring descriptor per open queue").isGreaterThanOrEqualTo(fdsBefore + QUEUES);
        assertThat(ringMappings()).as("at least two mappings per open queue").isGreaterThanOrEqualTo(mapsBefore + 2 * QUEUES);
        for (IoQueue queue : queues) {
            queue.close();
            queue.close();
        }
        assertThat(openDescriptors()).isEqualTo(fdsBefore);
        assertThat(ringMappings()).isEqualTo(mapsBefore);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    private static long ringMappings() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(line -> line.contains("io_uring")).count();
        }
    }
}
