package io.ferry.file.engine;

import io.ferry.settings.Settings;
import io.ferry.spi.IoQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
    void shouldLeaveNoDescriptorOrMappingAfterClose() {
        long fdsBefore = ProcSelf.openDescriptors();
        long mapsBefore = ProcSelf.ringMappings();
        List<IoQueue> queues = new ArrayList<>();
        for (int i = 0; i < QUEUES; i++) {
            queues.add(new IoUringEngine().open(1 + i, Settings.builder().build()));
        }
        assertThat(ProcSelf.openDescriptors()).as("one ring descriptor per open queue").isGreaterThanOrEqualTo(fdsBefore + QUEUES);
        assertThat(ProcSelf.ringMappings()).as("at least two mappings per open queue").isGreaterThanOrEqualTo(mapsBefore + 2 * QUEUES);
        for (IoQueue queue : queues) {
            queue.close();
            queue.close();
        }
        assertThat(ProcSelf.openDescriptors()).isEqualTo(fdsBefore);
        assertThat(ProcSelf.ringMappings()).isEqualTo(mapsBefore);
    }
}
