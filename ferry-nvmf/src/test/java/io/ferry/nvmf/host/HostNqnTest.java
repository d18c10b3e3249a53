package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which host NQN and host id Connect carries: the setting's, the machine's file's, or a generated one. */
class HostNqnTest {
    private static final String UUID_TEXT = "5d2b3e8a-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    @Test
    void shouldTakeAConfiguredNqnAndTheUuidItNames() {
        HostNqn named = HostNqn.resolve("nqn.2014-08.org.example:host-1", dir.resolve("absent"));
        HostNqn uuid = HostNqn.resolve("nqn.2014-08.org.nvmexpress:uuid:" + UUID_TEXT, dir.resolve("absent"));

        assertThat(named.nqn()).isEqualTo("nqn.2014-08.org.example:host-1");
        assertThat(uuid.id()).isEqualTo(UUID.fromString(UUID_TEXT));
    }

    @Test
    void shouldTakeTheMachinesFileForAutoAndGenerateOneWithoutIt() throws IOException {
        Path file = Files.writeString(dir.resolve("hostnqn"), "nqn.2014-08.org.nvmexpress:uuid:" + UUID_TEXT + "\n");
        Path blank = Files.writeString(dir.resolve("blank"), " \n");

        HostNqn machine = HostNqn.resolve(HostNqn.AUTO, file);
        HostNqn generated = HostNqn.resolve(HostNqn.AUTO, dir.resolve("absent"));
        HostNqn fromBlank = HostNqn.resolve(HostNqn.AUTO, blank);

        assertThat(machine).isEqualTo(new HostNqn("nqn.2014-08.org.nvmexpress:uuid:" + UUID_TEXT, UUID.fromString(UUID_TEXT)));
        assertThat(generated.nqn()).isEqualTo("nqn.2014-08.org.nvmexpress:uuid:" + generated.id());
        assertThat(fromBlank.nqn()).startsWith("nqn.2014-08.org.nvmexpress:uuid:").isNotEqualTo(generated.nqn());
    }

    @Test
    void shouldNameWhereAMalformedNqnCameFrom() throws IOException {
        Path file = Files.writeString(dir.resolve("hostnqn"), "host-1\n");

        assertThatThrownBy(() -> HostNqn.resolve("host-1", dir.resolve("absent"))).isInstanceOf(FerryException.class)
                .hasMessage("FERRY_NVME_HOST_NQN: an NQN starts with 'nqn.' and has at most 223 ASCII characters: 'host-1'")
                .extracting(e -> ((FerryException) e).errorCode()).isEqualTo(ErrorCode.INVALID_SETTING);
        assertThatThrownBy(() -> HostNqn.resolve(HostNqn.AUTO, file)).hasMessageStartingWith(file + ": an NQN starts with 'nqn.'");
        assertThatThrownBy(() -> NvmeBackend.factory().hostNqn("host-1")).isInstanceOf(FerryException.class)
                .hasMessageContaining("an NQN starts with 'nqn.'");
    }
}
