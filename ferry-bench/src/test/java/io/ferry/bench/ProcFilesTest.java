package io.ferry.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProcFilesTest {
    static final String CPU_INFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 1
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu vme de pse
            
            processor\t: 1
            model name\t: AMD EPYC 7B13
            """;

    @Test
    void shouldTakeTheFirstModelNameOfCpuInfo() {
        assertThat(ProcFiles.cpuModel(CPU_INFO)).contains("AMD EPYC 7B13");
    }

    @Test
    void shouldFindNoModelNameWhereTheKernelGivesNone() {
        String arm = "processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n";

        assertThat(ProcFiles.cpuModel(arm)).isEmpty();
        assertThat(ProcFiles.cpuModel("model name\t:\n")).isEmpty();
    }

    @Test
    void shouldReadMemTotalInBytes() {
        String memInfo = "MemTotal:       32853412 kB\nMemFree:         1234567 kB\n";

        assertThat(ProcFiles.memTotalBytes(memInfo)).isEqualTo(OptionalLong.of(32_853_412L * 1024));
    }

    @Test
    void shouldFindNoMemTotalWhenItIsMissingOrMalformed() {
        assertThat(ProcFiles.memTotalBytes("MemFree: 1 kB\n")).isEmpty();
        assertThat(ProcFiles.memTotalBytes("MemTotal: lots kB\n")).isEmpty();
    }

    @Test
    void shouldGiveNothingForAFileThatCannotBeRead(@TempDir Path directory) {
        assertThat(ProcFiles.read(directory.resolve("missing"))).isEqualTo(Optional.empty());
        assertThat(ProcFiles.firstLine(directory)).isEmpty();
    }
}
