package io.ferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads facts about the machine from Linux's {@code /proc} files (proc(5)). Reading never fails:
 * a file that is missing or unreadable (another operating system, a restricted container) gives
 * an empty result, and so does a value the text does not hold. The parsers take text, so that
 * they can be checked on samples.
 */
final class ProcFiles {
    static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    static final Path MEM_INFO = Path.of("/proc/meminfo");
    static final Path OS_RELEASE = Path.of("/proc/sys/kernel/osrelease");
    static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    static final Path MOUNT_INFO = Path.of("/proc/self/mountinfo");

    private ProcFiles() {
    }

    /** The whole text of {@code file}, or empty when it cannot be read. */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first line of {@code file}, trimmed, or empty when it cannot be read or is blank. */
    static Optional<String> firstLine(Path file) {
        return read(file).map(text -> text.lines().findFirst().orElse("").trim()).filter(line -> !line.isEmpty());
    }

    /** The first {@code model name} of a {@code /proc/cpuinfo} text, such as {@code AMD EPYC 7B13}. */
    static Optional<String> cpuModel(String cpuInfo) {
        return value(cpuInfo, "model name");
    }

    /** {@code MemTotal} of a {@code /proc/meminfo} text, which the kernel gives in kB (KiB), in bytes. */
    static OptionalLong memTotalBytes(String memInfo) {
        Optional<String> value = value(memInfo, "MemTotal");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String[] parts = value.get().split("\\s+");
        try {
            long amount = Long.parseLong(parts[0]);
            boolean kibibytes = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
            return OptionalLong.of(kibibytes ? amount * 1024 : amount);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The trimmed value of the first {@code key : value} line whose key is {@code key}, if not blank. */
    private static Optional<String> value(String text, String key) {
        return text.lines()
                .filter(line -> line.indexOf(':') > 0 && line.substring(0, line.indexOf(':')).trim().equals(key))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .filter(value -> !value.isEmpty());
    }
}
