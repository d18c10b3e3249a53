package io.ferry.cli;

import io.ferry.nvmf.target.TargetGroup;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The live status line of {@code ferry serve}: connections, IOPS and throughput over the last interval, bytes moved,
 * and device errors once there are any.
 */
final class ServeStatus {
    private final List<TargetGroup> groups;
    private long lastCommands;
    private long lastBytes;
    private long lastNs = System.nanoTime();

    ServeStatus(List<TargetGroup> groups) {
        this.groups = groups;
    }

    /** Redraws the line on {@code out} (a terminal). */
    void draw(PrintWriter out) {
        long now = System.nanoTime();
        long commands = groups.stream().mapToLong(TargetGroup::ioCommands).sum();
        long bytes = groups.stream().mapToLong(TargetGroup::ioBytes).sum();
        double seconds = Math.max(1e-9, (now - lastNs) / 1e9);
        out.print(String.format(Locale.ROOT, "\r\033[Kconnections %d | %.0f IOPS | %s/s | %s moved%s",
                connections(), (commands - lastCommands) / seconds, Units.binary((long) ((bytes - lastBytes) / seconds)),
                Units.binary(bytes), deviceErrors(" | ")));
        out.flush();
        lastCommands = commands;
        lastBytes = bytes;
        lastNs = now;
    }

    int connections() {
        return groups.stream().mapToInt(TargetGroup::connections).sum();
    }

    long commands() {
        return groups.stream().mapToLong(TargetGroup::ioCommands).sum();
    }

    long bytes() {
        return groups.stream().mapToLong(TargetGroup::ioBytes).sum();
    }

    /** {@code separator + "3 device errors"}, or nothing while there are none. */
    String deviceErrors(String separator) {
        long errors = groups.stream().mapToLong(TargetGroup::deviceErrors).sum();
        return errors == 0 ? "" : separator + errors + (errors == 1 ? " device error" : " device errors");
    }
}
