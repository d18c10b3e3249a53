package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.DirectMode;
import io.ferry.file.FileBackend;
import io.ferry.internal.IoErrors;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.SocketAddresses;
import io.ferry.net.TlsConfig;
import io.ferry.settings.Settings;
import io.ferry.stream.DestinationKind;
import io.ferry.stream.ReceiverOptions;
import io.ferry.stream.StreamState;
import io.ferry.stream.net.NetReceiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ferry receive --listen ADDR DEST}: one stream from {@code ferry send} into DEST. Only a stream
 * with the token is accepted (one is generated and printed when none is given); files are written
 * under temporary names inside DEST and renamed only when everything arrived and is durable; nothing
 * is written outside DEST. A device is written in place, never replaced; a DEST that cannot take a
 * stream (a FIFO, a block device without {@code --resume-record}) is refused before listening.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Receive one stream from 'ferry send' into DEST (a file or device, or a directory for a tree).")
final class ReceiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR", required = true,
            description = "Where to listen: HOST:PORT, or :PORT / PORT for every local address (port 0: any free one).")
    String listen;

    @Parameters(index = "0", paramLabel = "DEST", description = "The file, device or directory to write.")
    String destination;

    @Option(names = "--token", paramLabel = "T",
            description = "The token a sender must give; without it a random one is made and printed.")
    String token;

    @Option(names = "--resume", description = "Continue an interrupted stream of the same source from its last "
            + "confirmed sync point (its resume record); a different source starts over. Not into a character device.")
    boolean resume;

    @Mixin
    DirectOption direct;

    @Option(names = "--resume-record", paramLabel = "FILE", description = "Where the resume record is kept "
            + "(default: DEST.ferry-resume beside DEST); needed for a block device. Not for a character device, "
            + "which keeps none.")
    Path resumeRecord;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Encrypt every channel with TLS, with this PEM certificate (chain); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PKCS#8 PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        Path dest = ArgumentPath.ofNewOrDirectory(Usage.nonEmpty(spec, "DEST", destination));
        InetSocketAddress at = Usage.probe(spec, () -> HostPort.parse(listen, "0.0.0.0"));
        if ((tlsCert == null) != (tlsKey == null)) {
            throw Usage.error(spec, "--tls-cert and --tls-key go together");
        }
        ConnectionOptions connection = tlsCert == null ? ConnectionOptions.PLAIN
                : ConnectionOptions.tlsServer(Usage.probe(spec, () -> TlsConfig.server(tlsCert, tlsKey)));
        DirectMode directMode = direct.mode(!DestinationKind.of(dest).isDevice(), true);
        Settings settings = EngineDefault.forDirect(Settings.fromEnvironment().toBuilder(), directMode != DirectMode.OFF, false)
                .build();
        String secret = token != null ? token : StreamToken.generate();
        ReceiverOptions options = ReceiverOptions.from(settings).withToken(StreamToken.bytes(secret)).withResume(resume)
                .withRecordPath(resumeRecord).withDirect(directMode);
        checkDestination(dest, options);
        if (ArgumentPath.namesDirectory(destination) && !Files.exists(dest)) {
            makeDirectory(dest); // DEST/ names a directory: made now, as rsync makes it, so only a tree goes in
        }
        PrintWriter err = spec.commandLine().getErr();
        NetReceiver receiver;
        long[] startNs = {0};
        try (Agent agent = CliAgents.create(settings); StreamGroup group = new StreamGroup("ferry-receive")) {
            receiver = new NetReceiver(options, agent, agent.attach(FileBackend.factory()), dest, at, connection);
            NetReceiver started = receiver;
            StopOnSignal signal = new StopOnSignal(group.stoppable(() -> interrupted(started)), err);
            try (signal) {
                group.start(receiver);
                err.println("listening on " + SocketAddresses.describe(receiver.localAddress()) + (token == null ? ", token " + secret : ""));
                err.flush();
                run(group, receiver, signal, startNs);
                group.exitIfStopped(signal);
            }
        }
        if (receiver.state() != StreamState.DONE) {
            FerryException failure = receiver.failure();
            if (failure == null) {
                throw new FerryException(ErrorCode.IO_ERROR, "the stream into " + destination + " did not complete");
            }
            throw receiver.durablePosition() > 0 && receiver.recordPath() != null
                    ? new FerryException(failure.errorCode(), failure.getMessage() + "; " + whatStays(receiver), failure)
                    : failure;
        }
        long start = Math.max(0, receiver.startPosition());
        Summary.print(spec, false, "received", receiver.streamBytes() - receiver.resumedBytes(), "into " + destination,
                startNs[0], start > 0 ? ", resumed at byte " + start : "");
        return 0;
    }

    /** Refuses, before listening, a DEST that cannot take a stream, and a record in no directory. */
    private void checkDestination(Path dest, ReceiverOptions options) {
        DestinationKind kind = DestinationKind.of(dest);
        if (kind == DestinationKind.BLOCK_DEVICE && resumeRecord == null) {
            throw Usage.error(spec, dest + " is a block device: give its resume record a path of its own with "
                    + "--resume-record=FILE");
        }
        Path recordDirectory = resumeRecord == null ? null : resumeRecord.toAbsolutePath().getParent();
        if (recordDirectory != null && !Files.isDirectory(recordDirectory)) {
            throw Usage.error(spec, "--resume-record: no such directory " + recordDirectory);
        }
        Usage.probe(spec, () -> kind.check(dest, options));
    }

    private void makeDirectory(Path dest) {
        try {
            Files.createDirectory(dest);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot make the directory " + IoErrors.describe(destination, e), e);
        }
    }

    /** Drives the receiver until it settled, with a progress bar once the stream's size is known. */
    private void run(StreamGroup group, NetReceiver receiver, StopOnSignal signal, long[] startNs) {
        Progress[] bar = {null};
        try {
            group.runUntil(() -> {
                if (startNs[0] == 0 && receiver.streamBytes() >= 0) {
                    startNs[0] = System.nanoTime();
                }
                return receiver.isSettled();
            }, signal, () -> receiver.cancel("ferry receive was interrupted"), () -> {
                if (bar[0] == null && receiver.streamBytes() >= 0) {
                    bar[0] = Progress.bytes("receive", receiver.streamBytes(), !noProgress);
                }
                if (bar[0] != null) {
                    bar[0].stepTo(receiver.bytesDone());
                }
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
    }

    /** What became of a stream a signal stopped: DEST never looks complete; what stays for a resume. */
    private String interrupted(NetReceiver receiver) {
        if (receiver.state() == StreamState.DONE) {
            return "the stream into " + destination + " had completed";
        }
        if (receiver.streamBytes() < 0) {
            return "no stream had begun; nothing was written into " + destination;
        }
        FerryException failure = receiver.failure();
        String ended = failure != null && failure.errorCode() != ErrorCode.CANCELLED
                ? "the stream into " + destination + " failed (" + failure.getMessage() + ")"
                : "the stream into " + destination + " was cancelled after " + Units.binary(receiver.bytesDone())
                        + " of " + Units.binary(receiver.streamBytes());
        if (receiver.recordPath() == null) {
            return ended + "; a character device keeps nothing for a resume";
        }
        if (receiver.durablePosition() == 0) {
            return ended + "; nothing was durable yet, so its temporary files were removed";
        }
        return ended + "; " + whatStays(receiver);
    }

    private static String whatStays(NetReceiver receiver) {
        return "its temporary files and " + receiver.recordPath() + " stay for 'ferry receive --resume' ("
                + Units.binary(receiver.durablePosition()) + " durable)";
    }
}
