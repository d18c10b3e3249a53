package io.ferry.cli;

import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that talk to remote objects; each overrides its FERRY_* variable. */
final class RemoteOptions {
    @Option(names = "--engine", paramLabel = "NAME",
            description = "Remote engine: multiplexed or blocking (default: FERRY_REMOTE_ENGINE or multiplexed).")
    String engine;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /** The environment's settings with these options on top; values are validated here. */
    Settings settings() {
        Settings.Builder builder = Settings.fromEnvironment().toBuilder();
        if (engine != null) {
            builder.set(RemoteSettings.REMOTE_ENGINE, engine);
        }
        connection.applyTo(builder);
        return builder.build();
    }
}
