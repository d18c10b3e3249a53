package io.ferry.cli;

import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --connections} and {@code --task-size}: how the remote backend spreads a read; each overrides its FERRY_* variable. */
final class ConnectionOptions {
    @Option(names = "--connections", paramLabel = "N",
            description = "Connections (multiplexed) or worker threads (blocking) at most (default: FERRY_REMOTE_MAX_CONNECTIONS or 8).")
    Integer connections;

    @Option(names = "--task-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Bytes per ranged request (default: FERRY_TASK_SIZE or 16m).")
    Long taskSize;

    /** Sets the options that were given; a value out of range is a usage error that names its option. */
    void applyTo(CommandSpec spec, Settings.Builder settings) {
        if (connections != null) {
            settings.set(RemoteSettings.REMOTE_MAX_CONNECTIONS,
                    Usage.option(spec, "--connections", () -> RemoteSettings.REMOTE_MAX_CONNECTIONS.validate(connections, "--connections")));
        }
        if (taskSize != null) {
            settings.set(RemoteSettings.TASK_SIZE,
                    Usage.option(spec, "--task-size", () -> RemoteSettings.TASK_SIZE.validate(taskSize, "--task-size")));
        }
    }
}
