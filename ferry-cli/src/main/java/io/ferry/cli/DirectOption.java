package io.ferry.cli;

import io.ferry.file.DirectMode;
import picocli.CommandLine.Option;

/**
 * {@code --direct} / {@code --no-direct} of the commands that write what arrives ({@code get},
 * {@code receive}). By default a file whose data is flushed to the device before it is put in place
 * is written with O_DIRECT where its file system takes it: the page cache would be filled only to be
 * flushed at once, and filling it is what slows large writes down on the machines measured
 * (docs/performance.md, docs/design/direct-io.md).
 */
final class DirectOption {
    @Option(names = "--direct", negatable = true, description = "Write with O_DIRECT, past the page cache. By default a "
            + "file (new or regular) is, where its file system takes O_DIRECT, as its data is flushed to the device "
            + "before it is put in place anyway (not with --no-fsync, where one is offered); --direct requires it (a file "
            + "system without direct I/O fails the command) and applies to a block device too; --no-direct writes "
            + "through the page cache. With O_DIRECT the file engine is the first asynchronous one the kernel offers "
            + "unless FERRY_FILE_ENGINE names one.")
    Boolean direct;

    /**
     * What the user asked for; without either option {@link DirectMode#PREFERRED} for a file whose data
     * is fsynced, else {@link DirectMode#OFF}.
     */
    DirectMode mode(boolean file, boolean fsynced) {
        if (direct != null) {
            return direct ? DirectMode.REQUIRED : DirectMode.OFF;
        }
        return file && fsynced ? DirectMode.PREFERRED : DirectMode.OFF;
    }
}
