package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Target;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.file.FileTarget;
import io.ferry.nvmf.host.NvmeAddress;
import io.ferry.nvmf.host.NvmeBackend;
import io.ferry.nvmf.host.NvmeNamespace;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.settings.Settings;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ferry copy} where SRC or DST is a namespace ({@code nvme+tcp://HOST:PORT/SUBNQN/NSID}): a
 * namespace is read whole into a file (or standard output, or another namespace), and a file is
 * written to the start of a namespace, which must be large enough. Sizes come from the namespace.
 */
final class NvmeCopy {
    private final CommandSpec spec;
    private final long blockSize;
    private final int slots;
    private final boolean fsync;
    private final boolean progress;

    NvmeCopy(CommandSpec spec, long blockSize, int slots, boolean fsync, boolean progress) {
        this.spec = spec;
        this.blockSize = blockSize;
        this.slots = slots;
        this.fsync = fsync;
        this.progress = progress;
    }

    /** Whether {@code argument} names a namespace rather than a file. */
    static boolean isNamespace(String argument) {
        return argument.regionMatches(true, 0, NvmeAddress.SCHEME, 0, NvmeAddress.SCHEME.length());
    }

    /** Copies and prints the summary. */
    void run(Settings settings, String source, String destination) throws IOException {
        long startNs = System.nanoTime();
        boolean toStandardOutput = false;
        long size;
        try (Agent agent = CliAgents.create(settings)) {
            FileBackend files = agent.attach(FileBackend.factory());
            NvmeBackend nvme = agent.attach(NvmeBackend.factory());
            Target from = isNamespace(source) ? nvme.open(source) : openFile(files, source);
            size = from.size();
            if (isNamespace(destination)) {
                NvmeNamespace to = nvme.open(destination);
                if (size > to.size()) {
                    throw new FerryException(ErrorCode.OUT_OF_RANGE, source + " (" + size + " bytes) does not fit in "
                            + destination + " (" + to.size() + " bytes)");
                }
                BlockCopy copier = Usage.option(spec, "--bs", () -> new BlockCopy(size, blockSize, slots));
                IntoNamespace stop = new IntoNamespace(copier, "the copy of " + source, destination);
                try (Progress bar = Progress.bytes("copy", size, progress)) {
                    StopOnSignal.run(stop, spec.commandLine().getErr(), () -> {
                        copier.copy(agent, new BackoffIdleStrategy(), from, new BlockOutput.AtOffsets(to), bar::stepTo);
                        stop.finished = true;
                    });
                }
            } else {
                DestinationPath target = DestinationPath.of(destination);
                if (target.kind() == DestinationPath.Kind.DIRECTORY) {
                    throw new FerryException(ErrorCode.INVALID_ARGUMENT, target.given()
                            + " is a directory; name the file to copy the namespace into");
                }
                toStandardOutput = target.kind() == DestinationPath.Kind.STANDARD_OUTPUT;
                BlockCopy copier = Usage.option(spec, "--bs", () -> new BlockCopy(size, blockSize, slots));
                new Delivery("the copy of " + source, fsync, progress, spec.commandLine().getErr()).deliver("copy",
                        new Delivery.ThroughMemory(agent, files, new BackoffIdleStrategy(), copier, null), from, size, target,
                        null, DirectMode.OFF, null);
            }
        }
        Summary.print(spec, toStandardOutput, "copied", size, "to " + destination, startNs, "");
    }

    /** A copy into a namespace that SIGINT or SIGTERM stops: what it wrote stays, there is nothing to rename. */
    private static final class IntoNamespace implements StopOnSignal.Stoppable {
        private final BlockCopy copier;
        private final String what;
        private final String namespace;
        private volatile boolean finished;

        IntoNamespace(BlockCopy copier, String what, String namespace) {
            this.copier = copier;
            this.what = what;
            this.namespace = namespace;
        }

        @Override
        public void cancel() {
            copier.stop();
        }

        @Override
        public String outcome() {
            return finished ? what + " had completed" : what + " was cancelled; " + namespace + " holds part of it";
        }

        @Override
        public String unfinished(Duration grace) {
            return what + " did not stop within " + grace.toSeconds() + " s; " + namespace + " holds part of it";
        }
    }

    private static FileTarget openFile(FileBackend files, String source) {
        Path path = ArgumentPath.of(source);
        CopyCommand.checkRegularFile(path, source);
        return files.open(path);
    }
}
