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
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoEngineRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code ferry serve} exports: exactly one of a file, memory, nothing at all (each as
 * namespace 1 of one subsystem), or a configuration file of subsystems and namespaces.
 */
final class ServeNamespace {
    @Option(names = "--file", paramLabel = "PATH", description = "Serve this existing file (or block device) as namespace 1.")
    Path file;

    @Option(names = "--memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Serve SIZE bytes of memory (such as 1g), zero at start and gone at exit.")
    Long memory;

    @Option(names = "--null", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Serve a namespace of SIZE bytes that reads zeros and drops writes (for measuring the network path).")
    Long nullSize;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Serve the listeners, subsystems, allowed hosts and namespaces this file lists (see the README).")
    Path config;

    /** A short name for the default NQN: the file's name, or memory / null. */
    String shortName() {
        return file != null ? file.getFileName().toString() : memory != null ? "memory" : "null";
    }

    /** The namespace the options give (not for {@code --config}). */
    ServeConfig.NamespaceSpec spec(int blockSize, boolean direct) {
        return file != null ? new ServeConfig.NamespaceSpec("file", file, 0, blockSize, direct, null)
                : new ServeConfig.NamespaceSpec(memory != null ? "memory" : "null", null, memory != null ? memory : nullSize,
                        blockSize, direct, null);
    }

    /** Opens the device of {@code spec}. */
    static BlockDevice open(ServeConfig.NamespaceSpec spec, Settings settings) {
        if (spec.kind().equals("file")) {
            if (!Files.exists(spec.path())) {
                throw new FerryException(ErrorCode.NOT_FOUND, spec.path() + ": no such file");
            }
            IoEngineRegistry engines = FileEngines.builtins();
            // The engine auto chose, so that the device (and what serve prints) names it.
            IoEngine engine = engines.find(FileEngines.resolve(engines, settings.get(FileSettings.FILE_ENGINE)));
            return FileDevice.open(spec.path(), spec.blockSize(), spec.direct(), engine, settings);
        }
        long blocks = spec.size() / spec.blockSize();
        if (spec.size() < spec.blockSize() || spec.size() % spec.blockSize() != 0) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, spec.kind() + " namespace: " + spec.size()
                    + " bytes is not a positive multiple of the block size " + spec.blockSize());
        }
        return spec.kind().equals("memory") ? new MemoryDevice(blocks, spec.blockSize()) : new NullDevice(blocks, spec.blockSize());
    }
}
