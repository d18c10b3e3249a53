package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.remote.ObjectMetadata;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.remote.RemoteSettings;
import io.ferry.remote.s3.S3Location;
import io.ferry.FerryException;
import io.ferry.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ferry put FILE URL}: the file is mapped into memory and uploaded by one write transfer
 * (a PUT, or an S3 multipart upload with parts in parallel). The mapping costs no heap and only
 * page cache, so any file size works. {@code -} uploads standard input: to {@code s3://} as it is read
 * ({@link StreamUpload}), elsewhere through a temporary copy ({@link UploadSource}), as a FIFO is.
 * SIGINT or SIGTERM cancel the upload and wait for a multipart upload's abort before the process
 * exits (see {@link StopOnSignal}).
 */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Upload a file to an object (http://, https://, s3://).")
final class PutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload, or - for standard input.")
    String file;

    @Parameters(index = "1", paramLabel = "URL", description = "The object to create or replace; a bucket "
            + "(s3://bucket) or a URL ending with / takes FILE's name under it, as aws s3 cp and curl -T do.")
    String url;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Bytes per part of an S3 multipart upload, 5m to 5g; larger where the object would need more than "
                    + "10000 parts. From standard input or a FIFO, parts are uploaded as they are read, 4 in memory at most, "
                    + "and the input can be at most 10000 parts long (default: FERRY_PART_SIZE or 8m).")
    Long partSize;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "The object's media type (default: guessed from FILE's name, as aws s3 cp does; none for -).")
    String contentType;

    @Option(names = "--storage-class", paramLabel = "CLASS",
            description = "The S3 storage class, such as STANDARD_IA or GLACIER_IR (default: the bucket's, STANDARD).")
    String storageClass;

    /** The metadata the options give, the media type guessed from the file's name where none is given. */
    private ObjectMetadata metadata() throws IOException {
        String type = contentType != null || file.equals("-") ? contentType : Files.probeContentType(Path.of(file));
        ObjectMetadata typed = Usage.option(spec, "--content-type", () -> ObjectMetadata.NONE.withContentType(type));
        return Usage.option(spec, "--storage-class", () -> typed.withStorageClass(storageClass));
    }

    @Override
    public Integer call() throws IOException {
        Usage.nonEmpty(spec, "FILE", file);
        Usage.location(spec, url);
        String object = UploadLocation.of(url, file);
        Settings.Builder builder = remote.settings(spec).toBuilder();
        if (partSize != null) {
            builder.set(RemoteSettings.PART_SIZE, Usage.option(spec, "--part-size",
                    () -> RemoteSettings.PART_SIZE.validate(partSize, "--part-size")));
        }
        Settings settings = builder.build();
        if (S3Location.isS3(object) && UploadSource.isStream(file)) {
            return putStream(settings, object);
        }
        long startNs = System.nanoTime();
        long size;
        long retries;
        String location;
        try (UploadSource source = UploadSource.open(file);
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Agent agent = CliAgents.create(settings);
             Arena arena = Arena.ofShared()) {
            RemoteBackend objects = agent.attach(remote.factory(spec, object, workers));
            size = source.channel().size();
            if (size == 0) {
                location = objects.createEmpty(object, metadata()).location();
                Summary.print(spec, false, "put", 0, "from " + file + " to " + location, startNs, Summary.retries(objects.retries()));
                return 0;
            }
            MemorySegment bytes = source.channel().map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            RemoteObject created = objects.create(object, size, metadata());
            Transfer upload = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(bytes, created, 0)));
            try (Progress progress = Progress.following("put", size, objects::bytesMoved, !remote.noProgress);
                 StopOnSignal signal = new StopOnSignal(new TransferStop(upload, "the upload to " + created.location()),
                         spec.commandLine().getErr())) {
                upload.post();
                IdleStrategy idle = new BackoffIdleStrategy();
                while (!upload.state().isComplete()) {
                    if (signal.isStopping()) {
                        upload.cancel(); // also when the signal came before the post
                    }
                    idle.idle(agent.poll(), agent.waiter());
                }
                signal.ended();
                if (signal.isStopping()) {
                    signal.awaitExit();
                }
            }
            upload.status().throwCauseIfFailed();
            retries = objects.retries();
            location = created.location();
        }
        Summary.print(spec, false, "put", size, "from " + file + " to " + location, startNs, Summary.retries(retries));
        return 0;
    }

    /** Standard input or a FIFO to S3, uploaded as it is read. */
    private int putStream(Settings settings, String object) throws IOException {
        long startNs = System.nanoTime();
        StreamUpload.Uploaded uploaded;
        long retries;
        try (ReadableByteChannel input = UploadSource.stream(file);
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             Agent agent = CliAgents.create(settings)) {
            RemoteBackend objects = agent.attach(remote.factory(spec, object, workers));
            StreamUpload upload = new StreamUpload(agent, objects, object, settings.get(RemoteSettings.PART_SIZE));
            try (Progress progress = Progress.following("put", -1, objects::bytesMoved, !remote.noProgress);
                 StopOnSignal signal = new StopOnSignal(upload, spec.commandLine().getErr())) {
                try {
                    uploaded = upload.upload(input, file.equals("-") ? "standard input" : file, metadata());
                } catch (FerryException e) {
                    if (signal.isStopping()) {
                        signal.ended();
                        signal.awaitExit();
                    }
                    throw e;
                }
            }
            retries = objects.retries();
        }
        Summary.print(spec, false, "put", uploaded.size(), "from " + file + " to " + uploaded.location(), startNs,
                Summary.retries(retries));
        return 0;
    }
}
