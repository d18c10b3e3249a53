package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileEngines;
import io.ferry.file.FileSettings;
import io.ferry.nvmf.device.BlockDevice;
import io.ferry.nvmf.device.FileDevice;
import io.ferry.nvmf.device.MemoryDevice;
import io.ferry.nvmf.device.NullDevice;
import io.ferry.settings.Settings;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code ferry serve} exports as namespace 1: exactly one of a file, memory, or nothing at all. */
final class ServeNamespace {
    @Option(names = "--file", paramLabel = "PATH", description = "Serve this existing file (or block device) as namespace 1.")
    Path file;

    @Option(names = "--memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Serve SIZE bytes of memory (such as 1g), zero at start and gone at exit.")
    Long memory;

    @Option(names = "--null", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Serve a namespace of SIZE bytes that reads zeros and drops writes (for measuring the network path).")
    Long nullSize;

    /** A short name for the default NQN: the file's name, or memory / null. */
    String shortName() {
        return file != null ? file.getFileName().toString() : memory != null ? "memory" : "null";
    }

    /** Opens the device; {@code blockSize} was checked by the caller. */
    BlockDevice open(int blockSize, boolean direct, Settings settings) {
        if (file != null) {
            if (!Files.exists(file)) {
                throw new FerryException(ErrorCode.NOT_FOUND, file + ": no such file");
            }
            String engine = settings.get(FileSettings.FILE_ENGINE);
            return FileDevice.open(file, blockSize, direct, FileEngines.builtins().find(engine), settings);
        }
        long size = memory != null ? memory : nullSize;
        if (size < blockSize || size % blockSize != 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, (memory != null ? "--memory" : "--null") + ": " + size
                    + " bytes is not a positive multiple of the block size " + blockSize);
        }
        return memory != null ? new MemoryDevice(size / blockSize, blockSize) : new NullDevice(size / blockSize, blockSize);
    }
}
