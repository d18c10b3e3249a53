package io.ferry.file.engine;

import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.spi.EngineSupport;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Whether io_uring works here, decided once by setting up a tiny ring, asking it which opcodes it
 * supports and closing it. The reason it does not is kept as text; probing never throws.
 */
final class IoUringProbe {
    private static final Path DISABLED_SYSCTL = Path.of("/proc/sys/kernel/io_uring_disabled");
    /** {@code struct io_uring_probe}: a 16-byte header, then {@code struct io_uring_probe_op ops[]}. */
    private static final long PROBE_LAST_OP = 0;
    private static final long PROBE_OPS = 16;
    /** {@code sizeof(struct io_uring_probe_op)} and the offset of its {@code flags}. */
    private static final long PROBE_OP_SIZE = 8;
    private static final long PROBE_OP_FLAGS = 2;
    /** {@code IO_URING_OP_SUPPORTED}. */
    private static final short IO_URING_OP_SUPPORTED = 1;
    private static final int PROBE_OP_COUNT = 256;

    private static final EngineSupport SUPPORT = probe();

    private IoUringProbe() {
    }

    static EngineSupport support() {
        return SUPPORT;
    }

    private static EngineSupport probe() {
        String os = System.getProperty("os.name", "unknown");
        if (!os.equals("Linux")) {
            return EngineSupport.no("io_uring exists only on Linux, this is " + os);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoState(arena);
            int fd = IoUringSyscalls.setup(errno, 2, IoUringParams.request(arena, 0).address());
            if (fd < 0) {
                return EngineSupport.no(setupFailure(-fd));
            }
            try {
                return probeOpcodes(arena, errno, fd);
            } finally {
                LibC.close(errno, fd);
            }
        } catch (RuntimeException | LinkageError e) {
            return EngineSupport.no("io_uring could not be probed through FFM: " + e);
        }
    }

    private static EngineSupport probeOpcodes(Arena arena, MemorySegment errno, int fd) {
        MemorySegment probe = arena.allocate(PROBE_OPS + PROBE_OP_COUNT * PROBE_OP_SIZE, 8);
        int result = IoUringSyscalls.register(errno, fd, IoUringConstants.IORING_REGISTER_PROBE, probe.address(),
                PROBE_OP_COUNT);
        if (result < 0) {
            return EngineSupport.no("io_uring is too old here: IORING_REGISTER_PROBE failed with " + Errno.name(-result)
                    + "; IORING_OP_READ and IORING_OP_WRITE need Linux 5.6");
        }
        int lastOp = Byte.toUnsignedInt(probe.get(JAVA_BYTE, PROBE_LAST_OP));
        if (!supported(probe, lastOp, IoUringConstants.IORING_OP_READ)
                || !supported(probe, lastOp, IoUringConstants.IORING_OP_WRITE)) {
            return EngineSupport.no("io_uring here lacks IORING_OP_READ or IORING_OP_WRITE (Linux 5.6)");
        }
        return EngineSupport.yes();
    }

    private static boolean supported(MemorySegment probe, int lastOp, byte opcode) {
        return opcode <= lastOp
                && (probe.get(JAVA_SHORT, PROBE_OPS + opcode * PROBE_OP_SIZE + PROBE_OP_FLAGS) & IO_URING_OP_SUPPORTED) != 0;
    }

    /** A sentence explaining why io_uring_setup failed with {@code errno}. */
    static String setupFailure(int errno) {
        return switch (errno) {
            case Errno.ENOSYS -> "io_uring_setup failed with ENOSYS: the kernel is older than 5.1, was built without "
                    + "CONFIG_IO_URING, or a seccomp filter answers ENOSYS";
            case Errno.EPERM -> permissionFailure();
            case Errno.ENOMEM -> "io_uring_setup failed with ENOMEM: not enough memory for the rings, or (before "
                    + "Linux 5.12) the locked-memory limit RLIMIT_MEMLOCK is too low";
            default -> "io_uring_setup failed with " + Errno.name(errno);
        };
    }

    private static String permissionFailure() {
        String disabled;
        try {
            disabled = Files.readString(DISABLED_SYSCTL).trim();
        } catch (IOException | SecurityException e) {
            disabled = "unreadable";
        }
        return switch (disabled) {
            case "2" -> "io_uring is disabled by sysctl kernel.io_uring_disabled=2";
            case "1" -> "io_uring is restricted by sysctl kernel.io_uring_disabled=1 to members of "
                    + "kernel.io_uring_group, and this process is not one";
            default -> "io_uring_setup failed with EPERM although kernel.io_uring_disabled is " + disabled
                    + ": most likely refused by a seccomp filter (container runtimes block io_uring by default)";
        };
    }
}
