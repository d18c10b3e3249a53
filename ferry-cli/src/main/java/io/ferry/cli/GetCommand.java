package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileSettings;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.remote.RemoteOpenOption;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.Settings;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.settings.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ferry get URL [FILE]}: ranged reads over many connections into native buffers, written to
 * FILE as they arrive (by default the object's name in the current directory; into a directory
 * under that name). Into a file or device, each connection reads a large request through two small
 * buffers in turn (lanes, {@link BlockCopy}). Memory is sized by the object (at most slots x block
 * size). FILE is put in place only when every byte arrived (see {@link Destination}); it may be a
 * device, a FIFO or {@code -} for standard output. A new file gets mode 0666 under the umask, as curl -o gives it.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download an object (http://, https://, s3://) into a file.")
final class GetCommand implements Callable<Integer> {
    /** The buffers of a get read in lanes ({@link BlockCopy}): small, so that they stay in the CPU's cache. */
    private static final long LANE_BLOCK = 1 << 20;
    /** The buffers of a get that reads each block by its own requests. */
    private static final long REQUEST_BLOCK = 16 << 20;
    private static final int REQUEST_SLOTS = 8;

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

    @Option(names = {"--bs", "--block-size"}, paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Bytes per buffer, a multiple of 4k up to 1g (default: 1m into a file or device, where each "
                    + "connection reads a request of --task-size (16m) through two buffers in turn, and from a server "
                    + "that does not serve byte ranges, whose one response fills the buffers in turn; 16m, each buffer "
                    + "read by its own requests, into a stream).")
    Long blockSize;

    @Option(names = "--slots", paramLabel = "N",
            description = "Buffers in flight; memory used is at most slots x block size, and never more than the "
                    + "object needs (default: two per connection, 16, when reading a request through two buffers; else 8).")
    Integer slots;

    @Mixin
    DirectOption direct;

    @Override
    public Integer call() throws IOException {
        BlockCopy.checkShape(spec, Objects.requireNonNullElse(blockSize, REQUEST_BLOCK), Objects.requireNonNullElse(slots, REQUEST_SLOTS));
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
        Settings settings = remote.settings(spec);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Agent agent = CliAgents.create(EngineDefault.forDirect(settings.toBuilder(), directMode != DirectMode.OFF, false)
                     .set(FileSettings.FILE_SHARDS, 1).build())) {
            RemoteBackend objects = agent.attach(remote.factory(spec, url, workers));
            FileBackend files = agent.attach(FileBackend.factory());
            long taskSize = settings.get(RemoteSettings.TASK_SIZE);
            long laneBlock = Objects.requireNonNullElse(blockSize, LANE_BLOCK);
            boolean inLanes = target.takesOffsets() && laneBlock < taskSize && taskSize % laneBlock == 0;
            RemoteObject object = inLanes ? objects.open(url, RemoteOpenOption.SEQUENTIAL) : objects.open(url);
            size = object.size();
            String slowTls = TlsUnderC1.hint("get", url, object.location());
            if (slowTls != null) {
                spec.commandLine().getErr().println(slowTls);
            }
            BlockCopy copier = Usage.option(spec, "--bs", () -> copier(object, objects.continuesResponses(), taskSize,
                    settings.get(RemoteSettings.REMOTE_MAX_CONNECTIONS)));
            new Delivery("the download of " + object.location(), !write.noFsync, !remote.noProgress,
                    spec.commandLine().getErr()).deliver("get",
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
     * How the object is read: in lanes when it was opened to be read in sequence and the engine
     * continues responses (two buffers per connection take one request each); from a server without
     * byte ranges, in consecutive blocks that its one response fills; else each block by its own
     * requests.
     */
    private BlockCopy copier(RemoteObject object, boolean continuesResponses, long taskSize, int connections) {
        long size = object.size();
        if (!object.servesRanges()) {
            return withoutRanges(object, continuesResponses);
        }
        if (object.isSequential() && continuesResponses) {
            return new BlockCopy(size, Objects.requireNonNullElse(blockSize, LANE_BLOCK),
                    Objects.requireNonNullElse(slots, Math.min(2 * connections, BlockCopy.MAX_SLOTS)), taskSize);
        }
        return new BlockCopy(size, Objects.requireNonNullElse(blockSize, REQUEST_BLOCK), Objects.requireNonNullElse(slots, REQUEST_SLOTS));
    }

    /**
     * A server that did not advertise byte ranges answers every request with the whole object (see
     * {@link RemoteObject#servesRanges}): consecutive blocks read its one response over one
     * connection where the engine continues responses. The blocking engine reads the object in one
     * buffer up to the largest block (1 GiB) and the memory budget; a larger object goes in blocks,
     * which a server that does serve ranges without saying so still answers.
     */
    private BlockCopy withoutRanges(RemoteObject object, boolean continuesResponses) {
        long size = object.size();
        long bs = Objects.requireNonNullElse(blockSize, continuesResponses ? LANE_BLOCK : REQUEST_BLOCK);
        String note = "ferry get: " + object.location() + " does not advertise byte ranges (Accept-Ranges): read in one request";
        if (size > bs && continuesResponses) {
            spec.commandLine().getErr().println(note + " over one connection");
        } else if (size > bs && size <= BlockCopy.MAX_BLOCK_BYTES && size <= MemoryBudget.bytes()) {
            spec.commandLine().getErr().println(note + " into " + Units.binary(size) + " of memory");
            return new BlockCopy(size, BlockCopy.MAX_BLOCK_BYTES, 1);
        }
        return new BlockCopy(size, bs, Objects.requireNonNullElse(slots, REQUEST_SLOTS));
    }
}
