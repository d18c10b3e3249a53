package io.ferry.cli;

import picocli.CommandLine.Option;

/** Options of the commands that write a file: {@code copy} and {@code get}. */
final class WriteOptions {
    @Option(names = "--no-fsync", description = "Do not wait for the data and the rename to reach the device "
            + "before reporting success (faster; a power loss may then leave an empty or partial file).")
    boolean noFsync;
}
