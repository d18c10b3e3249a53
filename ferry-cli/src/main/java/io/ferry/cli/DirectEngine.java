package io.ferry.cli;

import io.ferry.file.FileSettings;
import io.ferry.file.engine.AutoEngine;
import io.ferry.settings.Settings;

/**
 * The file engine of a command that writes with O_DIRECT: unless the user named one (an option, or
 * FERRY_FILE_ENGINE), the first asynchronous engine the kernel offers ({@link AutoEngine}: io_uring,
 * else libaio, else psync). A direct write on psync holds the command's thread until the device has
 * the data, so nothing else moves meanwhile; on io_uring it overlaps the network or the reads (a 4 GiB
 * stream into a file: 4.2-4.8 s against 5.1-5.5 s).
 */
final class DirectEngine {
    private DirectEngine() {
    }

    /** Sets the engine to {@value AutoEngine#NAME} when {@code direct} and no engine was named. */
    static Settings.Builder choose(Settings.Builder settings, boolean direct, boolean engineNamed) {
        boolean inEnvironment = System.getenv(FileSettings.FILE_ENGINE.environmentVariable()) != null;
        if (direct && !engineNamed && !inEnvironment) {
            settings.set(FileSettings.FILE_ENGINE, AutoEngine.NAME);
        }
        return settings;
    }
}
