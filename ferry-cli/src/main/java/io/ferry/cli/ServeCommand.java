package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileEngines;
import io.ferry.file.FileSettings;
import io.ferry.nvmf.device.BlockDevice;
import io.ferry.nvmf.target.Subsystem;
import io.ferry.nvmf.target.Target;
import io.ferry.nvmf.target.TargetGroup;
import io.ferry.nvmf.target.TargetOptions;
import io.ferry.nvmf.target.TcpAcceptor;
import io.ferry.poll.PollGroup;
import io.ferry.runtime.FerryRuntime;
import io.ferry.settings.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry serve}: an NVMe/TCP target exporting one namespace (a file, memory, or a null
 * device) in one subsystem, until SIGINT or SIGTERM. The application part of the target library:
 * it picks the threads (a runtime's poll groups, the acceptor on the first), prints where to
 * connect, draws a status line on a terminal, and stops cleanly: no new connections, connections
 * ended, operations on the device completed, the file flushed, exit 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a file, memory or a null device as an NVMe/TCP namespace until SIGINT or SIGTERM.")
final class ServeCommand implements Callable<Integer> {
    static final String DEFAULT_NQN_PREFIX = "nqn.2026-01.io.ferry:";
    private static final long DRAIN_TIMEOUT_MS = 10_000;
    private static final long STATUS_INTERVAL_MS = 1_000;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ServeNamespace namespace;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:4420",
            description = "Address to accept hosts on (default: ${DEFAULT-VALUE}; port 0: one the system picks).")
    String listen;

    @Option(names = "--nqn", paramLabel = "NQN",
            description = "The subsystem's NQN (default: " + DEFAULT_NQN_PREFIX + "<file name, memory or null>).")
    String nqn;

    @Option(names = "--allow-host", paramLabel = "NQN",
            description = "Let only this host NQN connect (repeatable; default: any host, an empty host NQN included).")
    List<String> allowedHosts;

    @Option(names = "--poll-groups", paramLabel = "N", defaultValue = "1",
            description = "Threads serving connections, each a poll group (default: ${DEFAULT-VALUE}); connections are spread round robin.")
    int pollGroups;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "512",
            description = "The namespace's block size: 512 or 4096 (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--direct", description = "Open --file with O_DIRECT (the block size must suit the file system).")
    boolean direct;

    @Option(names = {"--ioengine", "--engine"}, paramLabel = "NAME",
            description = "File engine for --file (default: FERRY_FILE_ENGINE or psync; see 'ferry engines').")
    String engine;

    @Override
    public Integer call() throws Exception {
        if (pollGroups < 1 || pollGroups > 256) {
            throw Usage.error(spec, "--poll-groups: must be 1 to 256: " + pollGroups);
        }
        if (blockSize != 512 && blockSize != 4096) {
            throw Usage.error(spec, "--block-size: must be 512 or 4096: " + blockSize);
        }
        InetSocketAddress address = Usage.option(spec, "--listen", () -> ListenOption.parse(listen));
        Settings.Builder settings = Settings.fromEnvironment().toBuilder();
        if (engine != null) {
            Usage.option(spec, "--ioengine", () -> FileEngines.builtins().find(engine.trim()));
            settings.set(FileSettings.FILE_ENGINE, engine.trim());
        }
        Settings built = settings.build();
        Target target = Target.create(TargetOptions.from(built));
        String subsystemNqn = nqn != null ? nqn : DEFAULT_NQN_PREFIX + namespace.shortName();
        Subsystem subsystem = Usage.option(spec, "--nqn", () -> target.addSubsystem(subsystemNqn, serialNumber(subsystemNqn),
                "Ferry NVMe/TCP target"));
        subsystem.allowAnyListener(true);
        if (allowedHosts == null || allowedHosts.isEmpty()) {
            subsystem.allowAnyHost(true);
        } else {
            allowedHosts.forEach(host -> Usage.option(spec, "--allow-host", () -> {
                subsystem.allowHost(host);
                return host;
            }));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BlockDevice device = Usage.probe(spec, () -> namespace.open(blockSize, direct, built));
             ServeSignals signals = new ServeSignals()) {
            subsystem.addNamespace(device);
            FerryRuntime runtime = FerryRuntime.builder().pollGroups(pollGroups).threadNamePrefix("ferry-serve").build();
            ServeStatus status;
            try {
                TcpAcceptor acceptor = TcpAcceptor.create(target, runtime.pollGroups(), List.of(address));
                PollGroup acceptorGroup = runtime.pollGroups().getFirst();
                if (!acceptorGroup.offer(acceptor)) {
                    throw new FerryException(ErrorCode.QUEUE_FULL, "the first poll group cannot take the acceptor");
                }
                InetSocketAddress bound = listening(acceptor);
                printConnectLines(out, subsystemNqn, bound, device.describe());
                status = new ServeStatus(acceptor.targetGroups());
                boolean terminal = System.console() != null && System.console().isTerminal();
                while (!signals.await(STATUS_INTERVAL_MS)) {
                    if (terminal) {
                        status.draw(err);
                    }
                }
                if (terminal) {
                    err.println();
                }
                stop(runtime, acceptorGroup, acceptor, err);
            } finally {
                runtime.close();
            }
            out.println("ferry serve: stopped by " + signals.received() + "; " + status.commands() + " reads and writes, "
                    + Units.binary(status.bytes()) + " moved");
        }
        return 0;
    }

    private static InetSocketAddress listening(TcpAcceptor acceptor) throws InterruptedException {
        try {
            return acceptor.listening().get(30, TimeUnit.SECONDS).getFirst();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof FerryException f ? f : new FerryException(ErrorCode.IO_ERROR, e.getCause().toString());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new FerryException(ErrorCode.TIMED_OUT, "the acceptor did not start listening within 30 s");
        }
    }

    private static void printConnectLines(PrintWriter out, String subsystemNqn, InetSocketAddress bound, String device) {
        String host = bound.getAddress().getHostAddress();
        String family = bound.getAddress() instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
        out.println("ferry serve: " + subsystemNqn + " on " + host + ":" + bound.getPort() + ", namespace 1: " + device);
        out.println("  spdk_nvme_identify -r 'trtype:TCP adrfam:" + family + " traddr:" + host + " trsvcid:" + bound.getPort()
                + " subnqn:" + subsystemNqn + "'");
        out.println("  nvme connect -t tcp -a " + host + " -s " + bound.getPort() + " -n " + subsystemNqn);
        out.flush();
    }

    /** No new connections; every group ends its connections; waits (bounded) until their device operations completed. */
    private static void stop(FerryRuntime runtime, PollGroup acceptorGroup, TcpAcceptor acceptor, PrintWriter err)
            throws InterruptedException {
        CountDownLatch removed = new CountDownLatch(1);
        acceptorGroup.remove(acceptor, removed::countDown);
        removed.await(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<TargetGroup> groups = acceptor.targetGroups();
        for (int i = 0; i < groups.size(); i++) {
            runtime.pollGroups().get(i).execute(groups.get(i)::drain);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        while (groups.stream().anyMatch(group -> group.connections() > 0)) {
            if (System.nanoTime() - deadline > 0) {
                err.println("ferry serve: connections still waiting for the device after " + DRAIN_TIMEOUT_MS / 1000
                        + " s; stopping anyway");
                return;
            }
            Thread.sleep(10); // the application's thread, waiting for the poll groups to let go
        }
    }

    /** A serial number of 20 ASCII characters at most, the same for the same NQN. */
    static String serialNumber(String subsystemNqn) {
        return "FERRY" + String.format(Locale.ROOT, "%08X", subsystemNqn.hashCode());
    }
}
