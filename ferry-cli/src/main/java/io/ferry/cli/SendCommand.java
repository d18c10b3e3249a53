package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.TlsConfig;
import io.ferry.settings.Settings;
import io.ferry.stream.StreamOptions;
import io.ferry.stream.StreamSettings;
import io.ferry.stream.StreamState;
import io.ferry.stream.net.NetSender;
import io.ferry.stream.prepare.Codec;
import io.ferry.stream.source.Source;
import io.ferry.stream.source.Sources;
import io.ferry.stream.wire.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ferry send SRC HOST:PORT}: a file, a block device or a directory tree to a {@code ferry receive},
 * over N TCP channels, each packet compressed (or not) and checksummed; done when the receiver
 * confirmed everything is durable under its final names.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a file, a block device or a directory tree to 'ferry receive' over several TCP channels.")
final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "The file, block device or directory to send; in a "
            + "directory, symbolic links are sent as links and FIFOs, sockets and devices are skipped.")
    String source;

    @Parameters(index = "1", paramLabel = "HOST:PORT", description = "Where 'ferry receive' listens.")
    String address;

    @Option(names = "--channels", paramLabel = "N",
            description = "TCP connections to open, 1..256 (default: FERRY_STREAM_CHANNELS or 4).")
    Integer channels;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Compression of each packet: none, lz4, zstd or zstd:LEVEL with LEVEL 1..19 "
                    + "(default: FERRY_STREAM_CODEC or none).")
    String codec;

    @Option(names = "--token", paramLabel = "T", required = true,
            description = "The token the receiver was given or printed; it accepts no stream without it.")
    String token;

    @Option(names = "--tls", description = "Encrypt every channel with TLS, trusting the JDK's certificate authorities.")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "Encrypt with TLS and trust the receiver's certificate only if this PEM file (a CA or the "
                    + "certificate itself) vouches for it; implies --tls.")
    Path tlsCa;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        Path from = ArgumentPath.of(Usage.nonEmpty(spec, "SRC", source));
        Settings settings = Settings.fromEnvironment();
        StreamOptions options = StreamOptions.from(settings).withToken(StreamToken.bytes(token));
        if (channels != null) {
            StreamOptions base = options;
            options = Usage.option(spec, "--channels", () -> base.withChannels(channels));
        }
        if (codec != null) {
            StreamOptions base = options;
            options = Usage.option(spec, "--codec", () -> base.withCodec(Codec.parse(codec.trim())));
        }
        InetSocketAddress to = Usage.probe(spec, () -> HostPort.parse(address, null));
        if (to.getPort() == 0) {
            throw Usage.error(spec, "HOST:PORT: port 0 is not where a receiver listens");
        }
        ConnectionOptions connection = tls || tlsCa != null
                ? ConnectionOptions.tlsClient(tlsCa == null ? TlsConfig.client() : Usage.probe(spec, () -> TlsConfig.client(tlsCa)),
                        to.getHostString())
                : ConnectionOptions.PLAIN;
        if (!Files.exists(from)) {
            throw new FerryException(ErrorCode.NOT_FOUND, source + ": no such file or directory");
        }
        Source input = Files.isDirectory(from)
                ? Sources.tree(from, options.blockSize(), special -> spec.commandLine().getErr().println(
                        "ferry send: skipping " + special + " (a FIFO, socket or device: not sent)"))
                : Sources.file(from, options.blockSize());
        Manifest manifest = input.manifest();
        NetSender sender;
        try {
            sender = new NetSender(options, input, to, connection, settings.get(StreamSettings.STREAM_IDLE_TIMEOUT));
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
        long startNs = System.nanoTime();
        try (StreamGroup group = new StreamGroup("ferry-send");
             StopOnSignal signal = new StopOnSignal(group.stoppable(() -> interrupted(sender, manifest)),
                     spec.commandLine().getErr())) {
            try (Progress bar = Progress.bytes("send", manifest.bytes(), !noProgress)) {
                group.start(sender);
                group.runUntil(sender::isSettled, signal, () -> sender.cancel("ferry send was interrupted"),
                        () -> bar.stepTo(manifest.bytesBelow(sender.bytesHanded())));
            }
            group.exitIfStopped(signal);
        }
        if (sender.state() != StreamState.DONE) {
            throw sender.failure() != null ? sender.failure()
                    : new FerryException(ErrorCode.IO_ERROR, "the stream to " + address + " did not complete");
        }
        long sent = manifest.bytes() - manifest.bytesBelow(sender.startPosition());
        String resumed = sender.startPosition() > 0 ? ", resumed at byte " + sender.startPosition() : "";
        Summary.print(spec, false, "sent", sent, "to " + address, startNs, ", " + options.channels() + " channel"
                + (options.channels() == 1 ? "" : "s") + ", compression " + ratio(sent, sender.wireBytes())
                + ", 0 retransmissions" + resumed);
        return 0;
    }

    /** What became of a stream a signal stopped: how far it got, and where a resume would start. */
    private String interrupted(NetSender sender, Manifest manifest) {
        String stream = "the stream to " + address;
        if (sender.state() == StreamState.DONE) {
            return stream + " had completed";
        }
        FerryException failure = sender.failure();
        if (failure != null && failure.errorCode() != ErrorCode.CANCELLED) {
            return stream + " failed: " + failure.getMessage();
        }
        return stream + " was cancelled after " + Units.binary(manifest.bytesBelow(sender.bytesHanded())) + " of "
                + Units.binary(manifest.bytes())
                + "; the receiver confirmed " + Units.binary(Math.max(0, sender.ackedPosition()))
                + " durable ('ferry receive --resume' continues from there)";
    }

    /** Data bytes per byte on the wire (headers included): {@code 2.41x}. */
    private static String ratio(long data, long wire) {
        return data == 0 || wire == 0 ? "-" : String.format("%.2fx", (double) data / wire); // no data: no ratio
    }
}
