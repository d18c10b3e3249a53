package io.ferry.stream.internal;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a rename or a new name durable: fsync of the directory that holds it. */
public final class Durable {
    private Durable() {
    }

    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot sync directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
