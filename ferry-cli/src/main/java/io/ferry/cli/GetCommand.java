package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.file.OpenFlag;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.poll.BackoffIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ferry get URL FILE}: ranged reads over many connections into native buffers, written to
 * FILE as they arrive. Memory use is slots x block size whatever the object's size. FILE is put in
 * place only when every byte arrived (see {@link Destination}); it may be a device such as /dev/null.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download an object (http://, https://, s3://) into a file.")
final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The object to download.")
    String url;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to write, or /dev/null.")
    Path file;

    @Mixin
    RemoteOptions remote;

    @Option(names = {"--bs", "--block-size"}, paramLabel = "SIZE", defaultValue = "16m", converter = SizeConverter.class,
            description = "Bytes per buffer; each is read by ranged requests, then written (default: ${DEFAULT-VALUE}).")
    long blockSize;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "8",
            description = "Buffers in flight; memory used is slots x block size (default: ${DEFAULT-VALUE}).")
    int slots;

    @Override
    public Integer call() throws IOException {
        BlockCopy.checkShape(blockSize, slots);
        long startNs = System.nanoTime();
        long size;
        long retries;
        String location;
        try (Destination output = Destination.of(file);
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Agent agent = Agent.create(remote.settings())) {
            RemoteBackend objects = agent.attach(remote.factory(workers));
            FileBackend files = agent.attach(FileBackend.factory());
            RemoteObject object = objects.open(url);
            FileTarget target = files.open(output.written(), OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE);
            size = object.size();
            try (Progress progress = Progress.bytes("get", size, !remote.noProgress)) {
                new BlockCopy(agent, new BackoffIdleStrategy(), (int) blockSize, slots).copy(size, object, target, progress::stepTo);
            }
            retries = objects.retries();
            location = object.location();
            output.commit();
        }
        Summary.print(spec, "got", size, "from " + location + " to " + file, startNs, retries);
        return 0;
    }
}
