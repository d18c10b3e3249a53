package io.ferry.file.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What this process holds, read from /proc/self: descriptors, ring mappings, pinned memory, a ring's buffers. */
final class ProcSelf {
    private ProcSelf() {
    }

    static long openDescriptors() {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mappings of io_uring rings. */
    static long ringMappings() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(line -> line.contains("io_uring")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** VmPin of /proc/self/status: memory pinned for the kernel, such as io_uring registered buffers. */
    static long pinnedKibibytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmPin:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The registered buffers the kernel lists for ring {@code ringFd} in /proc/self/fdinfo, one
     * {@code "slot: 0xaddress/length"} entry each (Linux 6.x; empty slots read {@code <none>}).
     */
    static List<String> ringBuffers(int ringFd) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/fdinfo/" + ringFd))) {
            return lines.map(String::trim).filter(line -> line.matches("\\d+: 0x[0-9a-f]+/\\d+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
