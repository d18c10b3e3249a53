package io.ferry.cli;

import io.ferry.file.DirectMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --[no-]direct}: O_DIRECT where it can be had for a fsynced file by default, as asked otherwise. */
@Timeout(30)
class DirectOptionTest {
    @Command(name = "test")
    static final class Host {
        @Mixin
        DirectOption direct;
    }

    private static DirectOption parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.direct;
    }

    @Test
    void shouldPreferODirectForAFsyncedFileByDefault() {
        assertThat(parse().mode(true, true)).isEqualTo(DirectMode.PREFERRED);
        assertThat(parse().mode(true, false)).as("--no-fsync: the page cache").isEqualTo(DirectMode.OFF);
        assertThat(parse().mode(false, true)).as("a device, FIFO or standard output").isEqualTo(DirectMode.OFF);
    }

    @Test
    void shouldDoWhatTheOptionsSay() {
        assertThat(parse("--direct").mode(false, false)).isEqualTo(DirectMode.REQUIRED);
        assertThat(parse("--no-direct").mode(true, true)).isEqualTo(DirectMode.OFF);
    }
}
