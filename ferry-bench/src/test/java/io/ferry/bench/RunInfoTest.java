package io.ferry.bench;

import io.ferry.file.FileSettings;
import io.ferry.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class RunInfoTest {
    @TempDir
    Path directory;

    /** A run of four rows on /data/bench.dat, with fixed machine facts. */
    static RunInfo sample() {
        BenchConfig config = BenchConfig.builder()
                .filename(Path.of("/data/bench.dat"))
                .blockSizes(4096, 65536)
                .settings(Settings.defaults())
                .build();
        return new RunInfo("0.1.0", "abc1234", Instant.parse("2026-05-01T12:00:00Z"), "bench-host",
                "AMD EPYC 7B13", 8, OptionalLong.of(34_359_738_368L), "6.1.0-18-amd64",
                new FileSystemInfo("ext4", "/dev/nvme0n1p1", "/data"), "25.0.3", "OpenJDK 64-Bit Server VM",
                "Eclipse Adoptium", RunConfig.of(config), List.of("ferry", "bench", "--bs", "4k,64k"));
    }

    @Test
    void shouldRecordEveryConfigurationFieldUnderItsFioName() {
        BenchConfig config = BenchConfig.builder()
                .filename(directory.resolve("bench.dat"))
                .fileSizeBytes(64L << 20)
                .operations(BenchOp.RANDREAD, BenchOp.WRITE)
                .blockSizes(4096, 1L << 20)
                .batchSizes(List.of(1, 4))
                .ioDepth(8)
                .threads(2)
                .engine("io_uring")
                .direct(true)
                .invalidate(false)
                .rwMixRead(70)
                .runtimeNs(1_000_000_000L)
                .warmupNs(0)
                .numberIos(5000)
                .verify(true)
                .settings(Settings.defaults())
                .build();

        RunInfo info = RunInfo.collect(config, List.of("ferry", "bench"));

        assertThat(info.config().keySet()).containsExactlyElementsOf(RunConfig.NAMES);
        assertThat(info.config().values()).containsExactly(directory.resolve("bench.dat").toString(), "64m",
                "randread,write", "4k,1m", "1,4", "8", "2", "io_uring", "1", "0", "70", "1000000000", "0", "5000", "1",
                "file");
    }

    @Test
    void shouldRecordSettingsThatDifferFromTheirDefaultsUnderTheirEnvironmentVariable() {
        Settings settings = Settings.builder().set(FileSettings.MAX_IO_SIZE, 256L << 10).build();
        BenchConfig config = BenchConfig.builder().settings(settings).build();

        RunInfo info = RunInfo.collect(config, List.of());

        assertThat(info.config()).containsEntry("FERRY_MAX_IO_SIZE", Long.toString(256L << 10));
        assertThat(info.config().keySet()).filteredOn(name -> name.startsWith("FERRY_")).containsExactly("FERRY_MAX_IO_SIZE");
    }

    @Test
    void shouldNameTheTemporaryFileByThePatternItWillHave() {
        RunInfo info = RunInfo.collect(BenchConfig.builder().settings(Settings.defaults()).build(), List.of());

        assertThat(info.config().get("filename"))
                .isEqualTo(BenchFile.temporaryDirectory().resolve("ferry-bench-*.dat").toString());
    }

    @Test
    void shouldCollectTheMachineWithoutFailingAndWithoutEmptyValues() {
        BenchConfig config = BenchConfig.builder().filename(directory.resolve("not-yet/bench.dat"))
                .settings(Settings.defaults()).build();

        RunInfo info = RunInfo.collect(config, List.of("ferry", "bench"));

        assertThat(info.logicalCores()).isPositive();
        assertThat(info.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(info.commit()).isEqualTo(System.getProperty(RunInfo.COMMIT_PROPERTY, RunInfo.UNKNOWN));
        assertThat(info.sections().get("machine").values()).allSatisfy(value -> assertThat(value).isNotBlank());
        assertThat(info.commandLine()).containsExactly("ferry", "bench");
    }

    @Test
    void shouldGiveTheSectionsInOrderWithSnakeCaseNames() {
        RunInfo info = sample();

        assertThat(info.sections().keySet()).containsExactly("ferry", "machine", "config");
        assertThat(info.sections().get("ferry")).containsExactly(
                Map.entry("version", "0.1.0"), Map.entry("commit", "abc1234"));
        assertThat(info.sections().get("machine").keySet()).containsExactly("timestamp", "hostname", "cpu_model",
                "logical_cores", "memory_bytes", "kernel", "fs_type", "fs_device", "fs_mount_point", "java_version",
                "java_vm_name", "java_vendor");
        assertThat(info.sections().get("machine")).containsEntry("timestamp", "2026-05-01T12:00:00Z")
                .containsEntry("memory_bytes", "34359738368");
    }

    @Test
    void shouldWriteUnknownMemoryAsUnknown() {
        RunInfo sample = sample();
        RunInfo info = new RunInfo(sample.ferryVersion(), sample.commit(), sample.timestamp(), sample.hostname(),
                sample.cpuModel(), sample.logicalCores(), OptionalLong.empty(), sample.kernel(), FileSystemInfo.UNKNOWN,
                sample.javaVersion(), sample.javaVmName(), sample.javaVendor(), sample.config(), sample.commandLine());

        assertThat(info.sections().get("machine")).containsEntry("memory_bytes", RunInfo.UNKNOWN)
                .containsEntry("fs_type", RunInfo.UNKNOWN);
    }

    @Test
    void shouldQuoteTheCommandLineSoThatAShellReadsItBack() {
        RunInfo sample = sample();
        RunInfo info = new RunInfo(sample.ferryVersion(), sample.commit(), sample.timestamp(), sample.hostname(),
                sample.cpuModel(), sample.logicalCores(), sample.memoryBytes(), sample.kernel(), sample.fileSystem(),
                sample.javaVersion(), sample.javaVmName(), sample.javaVendor(), sample.config(),
                List.of("ferry", "bench", "--filename", "/mnt/my disk/it's.dat", "--bs=4k,64k", ""));

        assertThat(info.commandLineText())
                .isEqualTo("ferry bench --filename '/mnt/my disk/it'\\''s.dat' --bs=4k,64k ''");
    }
}
