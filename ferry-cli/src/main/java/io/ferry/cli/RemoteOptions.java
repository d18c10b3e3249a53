package io.ferry.cli;

import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import picocli.CommandLine.Option;

/** Options of the commands that talk to remote objects; each overrides its FERRY_* variable. */
final class RemoteOptions {
    @Option(names = "--engine", paramLabel = "NAME",
            description = "Remote engine: multiplexed or blocking (default: FERRY_REMOTE_ENGINE or multiplexed).")
    String engine;

    @Option(names = "--connections", paramLabel = "N",
            description = "Connections (multiplexed) or worker threads (blocking) at most (default: FERRY_REMOTE_MAX_CONNECTIONS or 8).")
    Integer connections;

    @Option(names = "--task-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Bytes per ranged request (default: FERRY_TASK_SIZE or 4m).")
    Long taskSize;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /** The environment's settings with these options on top; values are validated here. */
    Settings settings() {
        Settings.Builder builder = Settings.fromEnvironment().toBuilder();
        if (engine != null) {
            builder.set(RemoteSettings.REMOTE_ENGINE, engine);
        }
        if (connections != null) {
            builder.set(RemoteSettings.REMOTE_MAX_CONNECTIONS, connections);
        }
        if (taskSize != null) {
            builder.set(RemoteSettings.TASK_SIZE, taskSize);
        }
        return builder.build();
    }
}
