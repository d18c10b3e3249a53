package io.ferry.cli;

import io.ferry.file.FileSettings;
import io.ferry.file.engine.AutoEngine;
import io.ferry.settings.Settings;

/**
 * The file engine of a command that keeps I/O in flight while it waits for the device: unless the user
 * named one (an option, or FERRY_FILE_ENGINE), the first asynchronous engine the kernel offers
 * ({@link AutoEngine}: io_uring, else libaio, else psync). On psync each read or write holds the
 * command's thread until the device answers, so nothing else moves meanwhile: a direct write overlaps
 * nothing (a 4 GiB stream into a file: 5.1-5.5 s against 4.2-4.8 s on io_uring), and a target serves
 * one command at a time per poll group (4 KiB random reads at QD32 from an O_DIRECT file: 12 K IOPS
 * against 52 K; from the page cache 180-210 K against 290-310 K).
 */
final class EngineDefault {
    private EngineDefault() {
    }

    /** For a command that writes with O_DIRECT when {@code direct}: {@value AutoEngine#NAME} then, unless one was named. */
    static Settings.Builder forDirect(Settings.Builder settings, boolean direct, boolean engineNamed) {
        return direct ? asynchronous(settings, engineNamed) : settings;
    }

    /** For a command that always keeps I/O in flight (serve, direct or not): {@value AutoEngine#NAME} unless one was named. */
    static Settings.Builder asynchronous(Settings.Builder settings, boolean engineNamed) {
        boolean inEnvironment = System.getenv(FileSettings.FILE_ENGINE.environmentVariable()) != null;
        if (!engineNamed && !inEnvironment) {
            settings.set(FileSettings.FILE_ENGINE, AutoEngine.NAME);
        }
        return settings;
    }
}
