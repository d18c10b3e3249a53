package io.ferry.settings;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.lang.management.ManagementFactory;

/**
 * How much native memory one component may set aside for its buffers: half of the machine's
 * physical memory, or of the container's memory limit where one is set (the JDK reads cgroups),
 * and never less than the JVM's maximum heap. Buffers are native memory, outside the heap, so the
 * heap limit alone does not bound them; the budget stops a combination of settings that asks for
 * more than the machine has (which would hang in swap or be killed) before anything is allocated.
 * It is a sanity bound, not an accounting of everything the process holds.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /** The budget in bytes. */
    public static long bytes() {
        long physical = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getTotalMemorySize();
        return Math.max(physical / 2, Runtime.getRuntime().maxMemory());
    }

    /**
     * Refuses {@code bytes} of buffers that exceed the budget, with {@link ErrorCode#INVALID_SETTING}
     * and a message that starts with {@code what}, the product that asked for them (as in
     * {@code FILE_SHARDS 1024 x BOUNCE_BUFFER_COUNT 16 x BOUNCE_BUFFER_SIZE 1m}).
     */
    public static void check(String what, long bytes) {
        if (bytes <= Runtime.getRuntime().maxMemory()) {
            return; // Within the budget, which is never below the maximum heap, without asking the platform (slow the first time).
        }
        long budget = bytes();
        if (bytes > budget) {
            throw new FerryException(ErrorCode.INVALID_SETTING, what + " = " + Sizes.formatRounded(bytes)
                    + " of buffers exceeds the memory budget of " + Sizes.formatRounded(budget)
                    + " (half of the physical or container memory)");
        }
    }
}
