package io.ferry.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU cost of moving bytes: the process's CPU time, read around a measured phase, and CPU
 * seconds per decimal gigabyte. The process's time covers every thread (the benchmark thread, poll
 * groups, worker threads, the JIT and the garbage collector), user and system, as {@code time}
 * would count it: a cost that moved off the benchmark thread is still counted.
 */
public final class CpuCost {
    private static final com.sun.management.OperatingSystemMXBean OS = operatingSystem();

    private CpuCost() {
    }

    /** CPU time used by this process so far, in nanoseconds; -1 when the JVM cannot tell. */
    static long processCpuNs() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    /** Seconds between two {@link #processCpuNs()} readings; NaN when either is unknown. */
    static double secondsBetween(long startNs, long endNs) {
        return startNs < 0 || endNs < 0 ? Double.NaN : (endNs - startNs) / 1e9;
    }

    /** CPU seconds per 10^9 bytes; NaN when no bytes moved or the CPU time is unknown. */
    public static double secondsPerGB(double cpuSeconds, long bytes) {
        return bytes > 0 ? cpuSeconds / (bytes / 1e9) : Double.NaN;
    }

    private static com.sun.management.OperatingSystemMXBean operatingSystem() {
        // Only the HotSpot-family bean reports process CPU time; other JVMs leave it unknown.
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;
    }
}
