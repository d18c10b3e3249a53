package io.ferry.bench.curl;

import io.ferry.FerryException;
import io.ferry.bench.ToolProcesses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChildCpuTimeTest {
    @Test
    void shouldAddUserAndSystemTimeOfTheChildrenAsDashPrintsThem() {
        assertThat(ChildCpuTime.seconds("0m0.001000s 0m0.002000s\n1m2.500000s 0m0.250000s\n"))
                .isCloseTo(62.75, within(1e-9));
    }

    @Test
    void shouldReadBashsShorterFormatAfterWhateverTheCommandPrinted() {
        assertThat(ChildCpuTime.seconds("some warning\n0m0.001s 0m0.000s\n0m0.120s 0m0.040s\n"))
                .isCloseTo(0.16, within(1e-9));
    }

    @Test
    void shouldRefuseOutputWithoutTheTimesOfTheShell() {
        assertThatThrownBy(() -> ChildCpuTime.seconds("curl: (7) Failed to connect\n"))
                .isInstanceOf(FerryException.class).hasMessageContaining("no CPU times", "Failed to connect");
    }

    @Test
    void shouldMeasureARealCommandAndKeepItsExitStatus() {
        String output = ToolProcesses.run(ToolProcesses.Command.of(ChildCpuTime.wrap(List.of("true"))), 10_000);

        assertThat(ChildCpuTime.seconds(output)).isNotNegative();
        assertThatThrownBy(() -> ToolProcesses.run(ToolProcesses.Command.of(ChildCpuTime.wrap(List.of("false"))), 10_000))
                .isInstanceOf(FerryException.class).hasMessageContaining("exit code 1");
    }
}
