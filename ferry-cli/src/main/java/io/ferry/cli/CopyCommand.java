package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ferry copy SRC DST}. DST is put in place only when the copy (and verification) succeeded
 * (see {@link Destination}).
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy a file through the file backend.")
final class CopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "The file to copy.")
    Path source;

    @Parameters(index = "1", paramLabel = "DST", description = "The destination file, or a directory to copy into.")
    Path destination;

    @Option(names = "--verify", description = "Read both files back and compare them before keeping DST.")
    boolean verify;

    @Option(names = {"--ioengine", "--engine"}, paramLabel = "NAME",
            description = "File engine (default: FERRY_FILE_ENGINE or psync; see 'ferry engines').")
    String engine;

    @Option(names = {"--bs", "--block-size"}, paramLabel = "SIZE", defaultValue = "8m", converter = SizeConverter.class,
            description = "Bytes per read/write step (default: ${DEFAULT-VALUE}).")
    long blockSize;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "4",
            description = "Blocks in flight at once; memory used is slots x block size (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--direct", description = "Bypass the page cache (O_DIRECT) for both files.")
    boolean direct;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        BlockCopy.checkShape(blockSize, slots);
        if (!Files.exists(source)) {
            throw new FerryException(ErrorCode.NOT_FOUND, source + ": no such file");
        }
        if (!Files.isRegularFile(source)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, source + ": not a regular file");
        }
        Path target = Files.isDirectory(destination) ? destination.resolve(source.getFileName()) : destination;
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, source + " and " + target + " are the same file");
        }
        long startNs = System.nanoTime();
        long size;
        try (Destination output = Destination.of(target)) {
            size = copyInto(output.written());
            output.commit();
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        spec.commandLine().getOut().printf("copied %d bytes (%s) to %s in %.2f s, %.2f GB/s%s%n", size,
                Units.binary(size), target, seconds, size / 1e9 / seconds, verify ? ", verified" : "");
        return 0;
    }

    private long copyInto(Path written) throws IOException {
        Settings.Builder settings = Settings.fromEnvironment().toBuilder();
        if (engine != null) {
            settings.set(FileSettings.FILE_ENGINE, engine);
        }
        try (Agent agent = Agent.create(settings.build())) {
            FileBackend files = agent.attach(FileBackend.factory());
            FileTarget in = files.open(source, direct ? new OpenFlag[] {OpenFlag.READ, OpenFlag.DIRECT} : new OpenFlag[0]);
            FileTarget out = files.open(written, direct
                    ? new OpenFlag[] {OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE, OpenFlag.DIRECT}
                    : new OpenFlag[] {OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE});
            long size = in.size();
            try (Progress progress = Progress.bytes("copy", size, !noProgress)) {
                new BlockCopy(agent, new BackoffIdleStrategy(), (int) blockSize, slots).copy(size, in, out, progress::stepTo);
            }
            if (verify) {
                FileTarget check = files.open(written);
                FileCompare.assertSame(agent, files.open(source), check, size, (int) blockSize);
            }
            return size;
        }
    }
}
