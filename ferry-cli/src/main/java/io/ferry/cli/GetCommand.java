package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.settings.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ferry get URL [FILE]}: ranged reads over many connections into native buffers, written to
 * FILE as they arrive (by default the object's name in the current directory; into a directory
 * under that name). Memory is sized by the object (at most slots x block size). FILE is put in
 * place only when every byte arrived (see {@link Destination}); it may be a device, a FIFO or
 * {@code -} for standard output. A new file gets mode 0666 under the umask, as curl -o gives it.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download an object (http://, https://, s3://) into a file.")
final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The object to download.")
    String url;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The file to write, a directory to save "
            + "into under the object's name, a device, or - for standard output (default: the object's name, the last "
            + "segment of the URL's path, in the current directory, as curl -O).")
    String file;

    @Mixin
    RemoteOptions remote;

    @Mixin
    WriteOptions write;

    @Option(names = {"--bs", "--block-size"}, paramLabel = "SIZE", defaultValue = "16m", converter = SizeConverter.class,
            description = "Bytes per buffer, a multiple of 4k up to 1g; each is read by ranged requests, then written "
                    + "(default: ${DEFAULT-VALUE}).")
    long blockSize;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "8",
            description = "Buffers in flight; memory used is at most slots x block size, and never more than the "
                    + "object needs (default: ${DEFAULT-VALUE}).")
    int slots;

    @Mixin
    DirectOption direct;

    @Override
    public Integer call() throws IOException {
        BlockCopy.checkShape(spec, blockSize, slots);
        Usage.location(spec, url);
        DestinationPath target = DestinationPath.of(file == null ? ObjectFileName.of(url) : Usage.nonEmpty(spec, "FILE", file));
        if (target.kind() == DestinationPath.Kind.DIRECTORY) {
            target = DestinationPath.of(target.path().resolve(ObjectFileName.of(url)).toString());
        }
        if (target.kind() == DestinationPath.Kind.DIRECTORY) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, target.given() + " is a directory");
        }
        DirectMode directMode = direct.mode(target.isFile(), !write.noFsync);
        long startNs = System.nanoTime();
        long size;
        String retries;
        String location;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Agent agent = CliAgents.create(EngineDefault.forDirect(remote.settings(spec).toBuilder(), directMode != DirectMode.OFF, false)
                     .set(FileSettings.FILE_SHARDS, 1).build())) {
            RemoteBackend objects = agent.attach(remote.factory(spec, url, workers));
            FileBackend files = agent.attach(FileBackend.factory());
            RemoteObject object = objects.open(url);
            size = object.size();
            BlockCopy copier = Usage.option(spec, "--bs", () -> wholeWithoutRanges(object).orElseGet(
                    () -> new BlockCopy(size, blockSize, slots)));
            new Delivery(!write.noFsync, !remote.noProgress, spec.commandLine().getErr()).deliver("get",
                    new Delivery.ThroughMemory(agent, files, new BackoffIdleStrategy(), copier, objects::bytesMoved), object,
                    size, target, null, directMode, null);
            retries = Summary.retries(objects.retries());
            location = object.location();
        }
        Summary.print(spec, target.kind() == DestinationPath.Kind.STANDARD_OUTPUT, "got", size,
                "from " + location + " to " + target.given(), startNs, retries);
        return 0;
    }

    /**
     * One buffer for the whole object where its server did not advertise byte ranges and the object
     * is larger than one block: such a server answers only a read that reaches the object's end (see
     * {@link RemoteObject#servesRanges}). Up to the largest block (1 GiB) and the memory budget; a larger
     * object goes in blocks, which a server that does serve ranges without saying so still answers.
     */
    private Optional<BlockCopy> wholeWithoutRanges(RemoteObject object) {
        long size = object.size();
        if (object.servesRanges() || size <= blockSize || size > BlockCopy.MAX_BLOCK_BYTES
                || size > MemoryBudget.bytes()) {
            return Optional.empty();
        }
        spec.commandLine().getErr().println("ferry get: " + object.location() + " does not advertise byte ranges "
                + "(Accept-Ranges): read in one request into " + Units.binary(size) + " of memory");
        return Optional.of(new BlockCopy(size, BlockCopy.MAX_BLOCK_BYTES, 1));
    }
}
