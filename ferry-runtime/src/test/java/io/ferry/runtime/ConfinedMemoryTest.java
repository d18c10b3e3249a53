package io.ferry.runtime;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.TransferState;
import io.ferry.TransferStatus;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Memory of a confined arena that needs a bounce-buffer copy cannot be touched by a poll thread:
 * the descriptor fails with a clear reason instead of the transfer hanging.
 */
class ConfinedMemoryTest {
    @TempDir
    Path dir;

    @Test
    void shouldFailTheDescriptorInsteadOfHangingWhenAPollThreadCannotCopyConfinedMemory() throws Exception {
        Path path = Files.write(dir.resolve("data.bin"), new byte[8192]);
        FerryRuntime runtime = FerryRuntime.builder().build();
        Agent agent = runtime.newAgent();
        FileTarget direct;
        try {
            direct = agent.attach(FileBackend.factory()).open(path, OpenFlag.READ, OpenFlag.DIRECT);
        } catch (FerryException e) {
            runtime.close();
            assumeTrue(false, "no O_DIRECT here: " + e.getMessage());
            return;
        }
        try (Arena confined = Arena.ofConfined()) {
            MemorySegment unaligned = confined.allocate(4097).asSlice(1, 4096);
            Transfer transfer = agent.prepare(TransferOp.READ, List.of(Descriptor.of(unaligned, direct, 0)));
            TransferStatus status;
            transfer.post();
            status = transfer.await(Duration.ofSeconds(30));
            assertThat(status.state()).isEqualTo(TransferState.FAILED);
            assertThat(status.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.cause().errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE);
                assertThat(failure.cause().getMessage()).contains("confined arena", "shared or automatic arena");
            });
            transfer.release();
        } finally {
            runtime.close();
        }
    }
}
