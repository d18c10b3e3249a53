package io.ferry.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a system command of a test's set-up (losetup, mount), its output passed on, within a bound. */
final class Commands {
    private Commands() {
    }

    /** True when {@code command} ran and exited with 0 within 30 s; false when it failed or could not start. */
    static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
