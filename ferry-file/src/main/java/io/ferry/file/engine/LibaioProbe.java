package io.ferry.file.engine;

import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.spi.EngineSupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Whether Linux AIO works here, decided once by a real io_setup and io_destroy of a small context,
 * and the readable reason when it does not. Never throws.
 */
final class LibaioProbe {
    private static final int PROBE_EVENTS = 1;
    private static final int SYSCTL_MAX_BYTES = 64;
    static final Path AIO_NR = Path.of("/proc/sys/fs/aio-nr");
    private static final Path AIO_MAX_NR = Path.of("/proc/sys/fs/aio-max-nr");

    private LibaioProbe() {
    }

    /** The probe result, computed on first use. */
    static EngineSupport support() {
        return Holder.SUPPORT;
    }

    private static final class Holder {
        private static final EngineSupport SUPPORT = probe();
    }

    private static EngineSupport probe() {
        try {
            Optional<String> problem = AioSyscalls.platformProblem();
            if (problem.isPresent()) {
                return EngineSupport.no(problem.get());
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = LibC.newErrnoState(arena);
                MemorySegment context = arena.allocate(AioAbi.CONTEXT_SIZE, AioAbi.CONTEXT_SIZE);
                long result = AioSyscalls.ioSetup(errno, PROBE_EVENTS, context.address());
                if (result < 0) {
                    return EngineSupport.no(explainSetup((int) -result, PROBE_EVENTS));
                }
                long destroyed = AioSyscalls.ioDestroy(errno, context.get(JAVA_LONG, 0));
                if (destroyed < 0) {
                    return EngineSupport.no("io_destroy of the probe context failed: " + Errno.name((int) -destroyed));
                }
                return EngineSupport.yes();
            }
        } catch (RuntimeException | LinkageError e) {
            return EngineSupport.no("the Linux AIO probe failed: " + e);
        }
    }

    /** Why io_setup for {@code events} operations failed with {@code errno}, in words an operator can act on. */
    static String explainSetup(int errno, int events) {
        return switch (errno) {
            case Errno.ENOSYS -> "io_setup failed with " + Errno.name(errno)
                    + ": the kernel was built without Linux AIO (CONFIG_AIO=n)";
            case Errno.EPERM -> "io_setup was refused with " + Errno.name(errno)
                    + ": a seccomp filter (container runtime or sandbox) blocks the AIO system calls";
            case Errno.EAGAIN -> "io_setup for " + events + " events failed with " + Errno.name(errno) + ": "
                    + limits() + "; raise it with 'sysctl -w fs.aio-max-nr=<n>' or close other AIO users";
            default -> "io_setup for " + events + " events failed with " + Errno.name(errno);
        };
    }

    /** The system-wide AIO event reservation, from /proc/sys/fs. */
    private static String limits() {
        return "fs.aio-nr (" + read(AIO_NR) + " events reserved system-wide) plus this request exceeds "
                + "fs.aio-max-nr (" + read(AIO_MAX_NR) + ")";
    }

    /**
     * A numeric sysctl, read in one read(2): the kernel answers a read at a nonzero offset with end
     * of file, so {@code Files.readString}, whose first read of a zero-size file is one byte, would
     * see only the first digit.
     */
    static String read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readNBytes(SYSCTL_MAX_BYTES), StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
