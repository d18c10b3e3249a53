package io.ferry.file;

import io.ferry.Agent;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The direct-I/O alignment comes from the kernel (statx STATX_DIOALIGN) and is a sane power of two. */
class DirectAlignmentTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadTheAlignmentOfADirectFileFromTheKernel() throws IOException {
        Path path = Files.write(dir.resolve("data.bin"), new byte[4096]);
        try (Agent agent = Agent.create()) {
            FileBackend files = agent.attach(FileBackend.factory());
            FileTarget direct;
            try {
                direct = files.open(path, OpenFlag.READ, OpenFlag.DIRECT);
            } catch (FerryException e) {
                assumeTrue(false, "no O_DIRECT here: " + e.getMessage());
                return;
            }
            FileTarget buffered = files.open(path, OpenFlag.READ);
            for (int alignment : new int[] {direct.directAlignment(), direct.directMemoryAlignment()}) {
                assertThat(alignment).isBetween(1, 1 << 16);
                assertThat(Integer.bitCount(alignment)).as("a power of two").isEqualTo(1);
            }
            assertThat(direct.directAlignment()).isLessThanOrEqualTo(FileTarget.DEFAULT_DIRECT_ALIGNMENT);
            assertThat(buffered.directAlignment()).isEqualTo(FileTarget.DEFAULT_DIRECT_ALIGNMENT);
        }
    }
}
