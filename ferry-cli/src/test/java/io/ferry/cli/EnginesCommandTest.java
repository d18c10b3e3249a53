package io.ferry.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnginesCommandTest {
    @Test
    void shouldListEveryEngineWithItsSupport() {
        CliRun run = CliRun.of("engines");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ENGINE", "SUPPORTED", "psync", "yes");
    }

    @Test
    void shouldPrintTheVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ferry ").contains("Java 25");
    }
}
