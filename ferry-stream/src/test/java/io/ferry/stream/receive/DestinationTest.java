package io.ferry.stream.receive;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.stream.DestinationKind;
import io.ferry.stream.wire.Manifest;
import io.ferry.stream.wire.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tree's destination: the failures of its writes name the files the user will find, not their temporary names. */
class DestinationTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameTheFinalFileInAWriteFailure() {
        Manifest tree = new Manifest(List.of(new ManifestEntry(ManifestEntry.Kind.DIRECTORY, "", 0755, 0, 0),
                new ManifestEntry(ManifestEntry.Kind.DIRECTORY, "sub", 0755, 0, 0),
                new ManifestEntry(ManifestEntry.Kind.FILE, "sub/b.bin", 0644, 10, 0)));
        Path dest = dir.resolve("dest");
        try (Agent agent = Agent.create();
             Destination destination = new Destination(tree, agent.attach(FileBackend.factory()), dest, DestinationKind.DIRECTORY,
                     false, DirectMode.OFF)) {
            FerryException full = new FerryException(ErrorCode.IO_ERROR, "pwrite(file " + dest.resolve("sub/.b.bin.ferry-part")
                    + ", offset 0, length 10) failed: ENOSPC (no space left on device)", 28, null);

            FerryException named = destination.inUserTerms(full);

            assertThat(named).hasMessage("pwrite(file " + dest.resolve("sub/b.bin") + ", offset 0, length 10) failed: ENOSPC "
                    + "(no space left on device)").hasCause(full);
            assertThat(named.errno()).isEqualTo(28);
            FerryException other = new FerryException(ErrorCode.IO_ERROR, "something else");
            assertThat(destination.inUserTerms(other)).isSameAs(other);
        }
    }
}
