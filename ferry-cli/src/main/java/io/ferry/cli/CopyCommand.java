package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileEngines;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ferry copy SRC DST}: a file into a file (or into a directory, a device or standard output),
 * put in place only when the copy (and verification) succeeded; see {@link Destination}.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy a file through the file backend; SRC or DST may also be an NVMe/TCP namespace, "
                + "nvme+tcp://HOST:PORT/SUBNQN/NSID (a namespace is read whole; a file is written to its start).")
final class CopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "The file (or namespace address) to copy.")
    String source;

    @Parameters(index = "1", paramLabel = "DST",
            description = "The destination file, a directory to copy into, a device, - for standard output, "
                    + "or a namespace address.")
    String destination;

    @Option(names = "--verify", description = "Read both files back and compare them before keeping DST.")
    boolean verify;

    @Option(names = {"--ioengine", "--engine"}, paramLabel = "NAME",
            description = "File engine (default: FERRY_FILE_ENGINE, else auto with --direct, else psync; see "
                    + "'ferry engines').")
    String engine;

    @Option(names = {"--bs", "--block-size"}, paramLabel = "SIZE", defaultValue = "8m", converter = SizeConverter.class,
            description = "Bytes per read/write step, a multiple of 4k up to 1g (default: ${DEFAULT-VALUE}).")
    long blockSize;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "4",
            description = "Blocks in flight at once; memory used is at most slots x block size, and never more "
                    + "than the file needs (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--direct", description = "Bypass the page cache (O_DIRECT) for both files, on the first "
            + "asynchronous engine the kernel offers unless one is named.")
    boolean direct;

    @Option(names = "--through-memory", description = "Copy a file into a file through buffers on the file engine "
            + "even where the kernel could copy it by itself (copy_file_range, the default without --direct or --verify).")
    boolean throughMemory;

    @Mixin
    WriteOptions write;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        BlockCopy.checkShape(spec, blockSize, slots);
        Usage.nonEmpty(spec, "SRC", source);
        Usage.nonEmpty(spec, "DST", destination);
        Settings.Builder settings = Settings.fromEnvironment().toBuilder();
        if (engine != null) {
            Usage.option(spec, "--ioengine", () -> FileEngines.builtins().find(engine.trim()));
            settings.set(FileSettings.FILE_ENGINE, engine.trim());
        }
        EngineDefault.forDirect(settings, direct, engine != null);
        if (NvmeCopy.isNamespace(source) || NvmeCopy.isNamespace(destination)) {
            if (verify || direct) {
                throw Usage.error(spec, (verify ? "--verify" : "--direct") + " works with files only, not with a namespace");
            }
            new NvmeCopy(spec, blockSize, slots, !write.noFsync, !noProgress).run(settings.build(), source, destination);
            return 0;
        }
        Path from = ArgumentPath.of(source);
        checkRegularFile(from, source);
        DestinationPath target = DestinationPath.of(destination);
        if (target.kind() == DestinationPath.Kind.DIRECTORY) {
            target = DestinationPath.of(target.path().resolve(from.getFileName()).toString());
        }
        if (target.kind() == DestinationPath.Kind.DIRECTORY) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, target.given() + " is a directory");
        }
        if (target.kind() == DestinationPath.Kind.EXISTING_FILE && Files.isSameFile(from, target.path())) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, source + " and " + target.given() + " are the same file");
        }
        if (verify && !target.canBeReadBack()) {
            throw Usage.error(spec, "--verify: " + target.given() + " cannot be read back (it is "
                    + (target.kind() == DestinationPath.Kind.STANDARD_OUTPUT ? "standard output" : "not a file")
                    + "); leave out --verify");
        }
        long size = Files.size(from);
        // Checked also where the kernel copies: options are valid or refused whatever path a copy takes.
        BlockCopy copier = Usage.option(spec, "--bs", () -> new BlockCopy(size, blockSize, slots));
        long startNs = System.nanoTime();
        if (target.isFile() && !direct && !verify && !throughMemory) {
            new Delivery("the copy of " + source, !write.noFsync, !noProgress, spec.commandLine().getErr())
                    .deliverByKernel("copy", from, size, target, Files.getPosixFilePermissions(from));
        } else {
            copyThroughMemory(from, size, copier, target, settings);
        }
        Summary.print(spec, target.kind() == DestinationPath.Kind.STANDARD_OUTPUT, "copied", size, "to " + target.given(),
                startNs, verify ? ", verified" : "");
        return 0;
    }

    /** Refuses a SRC that is missing or not a regular file, naming it as the user gave it. */
    static void checkRegularFile(Path path, String given) {
        if (!Files.exists(path)) {
            throw new FerryException(ErrorCode.NOT_FOUND, given + ": no such file" + (given.equals("-")
                    ? " (as for cp, - names a file: copy reads no standard input; 'ferry put -' uploads it)" : ""));
        }
        if (Files.isDirectory(path)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, given + ": a directory, not a file "
                    + "(a tree goes with 'ferry send' and 'ferry receive')");
        }
        if (!Files.isRegularFile(path)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, given + ": not a regular file");
        }
    }

    private void copyThroughMemory(Path from, long size, BlockCopy copier, DestinationPath target, Settings.Builder settings)
            throws IOException {
        try (Agent agent = CliAgents.create(settings.set(FileSettings.FILE_SHARDS, 1).build())) {
            FileBackend files = agent.attach(FileBackend.factory());
            FileTarget in = files.open(from, direct ? new OpenFlag[] {OpenFlag.READ, OpenFlag.DIRECT} : new OpenFlag[0]);
            new Delivery("the copy of " + source, !write.noFsync, !noProgress, spec.commandLine().getErr())
                    .deliver("copy", new Delivery.ThroughMemory(agent, files, new BackoffIdleStrategy(), copier, null), in, size,
                            target, Files.getPosixFilePermissions(from), direct ? DirectMode.REQUIRED : DirectMode.OFF,
                            verify ? in : null);
        }
    }
}
