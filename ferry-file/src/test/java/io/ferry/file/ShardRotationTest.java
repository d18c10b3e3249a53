package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.settings.Settings;
import io.ferry.spi.IoEngineRegistry;
import io.ferry.testing.FaultInjectingEngine;
import io.ferry.testing.FaultInjectingIoQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Transfers of one chunk each are spread over every shard, not piled on the first. */
class ShardRotationTest {
    @TempDir
    Path dir;

    @Test
    void shouldGiveEachShardItsShareOfSingleChunkTransfers() {
        IoEngineRegistry engines = FileEngines.builtins();
        FaultInjectingEngine counting = new FaultInjectingEngine("counting", engines.find("psync"), queue -> {
        });
        engines.register(counting);
        try (FileFixture fixture = new FileFixture("counting", engines, Settings.builder().set(FileSettings.FILE_SHARDS, 3))) {
            FileTarget file = fixture.openReadWrite(dir.resolve("data.bin"));
            MemorySegment memory = MemoryKind.NATIVE.allocate(fixture.arena, 4096);
            try (Transfer write = fixture.agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, file, 0)))) {
                for (int i = 0; i < 30; i++) {
                    write.retarget(0, i * 4096L);
                    write.post();
                    write.await().throwIfFailed();
                }
            }
            assertThat(counting.queues()).extracting(FaultInjectingIoQueue::operations).containsExactly(10L, 10L, 10L);
        }
    }
}
