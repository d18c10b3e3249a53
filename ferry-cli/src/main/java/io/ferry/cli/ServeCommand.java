package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.file.FileEngines;
import io.ferry.file.FileSettings;
import io.ferry.net.SocketAddresses;
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

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
            description = "File engine for file namespaces (default: FERRY_FILE_ENGINE, else auto: io_uring, else libaio, "
                    + "else psync; see 'ferry engines').")
    String engine;

    @Override
    public Integer call() throws Exception {
        if (pollGroups < 1 || pollGroups > 256) {
            throw Usage.error(spec, "--poll-groups: must be 1 to 256: " + pollGroups);
        }
        if (blockSize != 512 && blockSize != 4096) {
            throw Usage.error(spec, "--block-size: must be 512 or 4096: " + blockSize);
        }
        Settings.Builder settings = EngineDefault.asynchronous(Settings.fromEnvironment().toBuilder(), engine != null);
        if (engine != null) {
            Usage.option(spec, "--ioengine", () -> FileEngines.builtins().find(engine.trim()));
            settings.set(FileSettings.FILE_ENGINE, engine.trim());
        }
        Settings built = settings.build();
        ServeConfig config = namespace.config != null ? fromFile() : fromOptions();
        Target target = Target.create(TargetOptions.from(built));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<BlockDevice> devices = new ArrayList<>();
        try (ServeSignals signals = new ServeSignals()) {
            for (ServeConfig.SubsystemSpec subsystem : config.subsystems()) {
                export(target, subsystem, built, devices);
            }
            FerryRuntime runtime = FerryRuntime.builder().pollGroups(pollGroups).threadNamePrefix("ferry-serve")
                    .idleStrategy(LongParkIdle::create).build();
            ServeStatus status;
            try {
                TcpAcceptor acceptor = TcpAcceptor.create(target, runtime.pollGroups(), config.listeners());
                PollGroup acceptorGroup = runtime.pollGroups().getFirst();
                if (!acceptorGroup.offer(acceptor)) {
                    throw new FerryException(ErrorCode.QUEUE_FULL, "the first poll group cannot take the acceptor");
                }
                List<InetSocketAddress> bound = listening(acceptor);
                for (ServeConfig.SubsystemSpec subsystem : config.subsystems()) {
                    printConnectLines(out, subsystem, bound, target.subsystem(subsystem.nqn()));
                }
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
                    + Units.binary(status.bytes()) + " moved" + status.deviceErrors(", "));
        } finally {
            for (BlockDevice device : devices) {
                device.close();
            }
        }
        return 0;
    }

    /** One subsystem of the options: the namespace they name, on the address of {@code --listen}. */
    private ServeConfig fromOptions() {
        InetSocketAddress address = Usage.option(spec, "--listen", () -> HostPort.parse(listen, null));
        if (direct && namespace.file == null) {
            throw Usage.error(spec, "--direct applies to --file only");
        }
        String subsystemNqn = nqn != null ? nqn : DEFAULT_NQN_PREFIX + namespace.shortName();
        List<ServeConfig.AllowedHost> hosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(host -> new ServeConfig.AllowedHost(host, null)).toList();
        return new ServeConfig(List.of(address), List.of(new ServeConfig.SubsystemSpec(subsystemNqn, null, hosts,
                List.of(namespace.spec(blockSize, direct)))));
    }

    /** The file of {@code --config}; the options it replaces may not be given beside it. */
    private ServeConfig fromFile() throws IOException {
        for (String replaced : List.of("--listen", "--nqn", "--allow-host", "--block-size", "--direct")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(replaced)) {
                throw Usage.error(spec, "--config: " + replaced + " goes in the configuration file");
            }
        }
        if (!Files.isReadable(namespace.config)) {
            throw Usage.error(spec, "--config " + namespace.config + ": no readable file there");
        }
        return Usage.option(spec, "--config", () -> {
            try {
                return ServeConfig.read(namespace.config);
            } catch (FerryException e) {
                throw new FerryException(e.errorCode(), "--config " + e.getMessage(), e);
            } catch (IOException e) {
                throw new FerryException(ErrorCode.IO_ERROR, "--config " + namespace.config + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Adds {@code subsystem} to the target with its hosts and namespaces; the devices opened are added to
     * {@code devices}. An error names the value's origin: its option, or the line of the configuration file.
     */
    private void export(Target target, ServeConfig.SubsystemSpec subsystem, Settings settings, List<BlockDevice> devices) {
        Subsystem added = Usage.option(spec, origin(subsystem.origin(), "--nqn"),
                () -> target.addSubsystem(subsystem.nqn(), serialNumber(subsystem.nqn()), "Ferry NVMe/TCP target"));
        added.allowAnyListener(true);
        if (subsystem.allowedHosts().isEmpty()) {
            added.allowAnyHost(true);
        }
        for (ServeConfig.AllowedHost host : subsystem.allowedHosts()) {
            Usage.option(spec, origin(host.origin(), "--allow-host"), () -> {
                added.allowHost(host.nqn());
                return host;
            });
        }
        for (ServeConfig.NamespaceSpec namespaceSpec : subsystem.namespaces()) {
            BlockDevice device = Usage.probe(spec, () -> {
                try {
                    return ServeNamespace.open(namespaceSpec, settings);
                } catch (FerryException e) {
                    throw namespaceSpec.origin() == null ? e
                            : new FerryException(e.errorCode(), origin(namespaceSpec.origin(), null) + ": " + e.getMessage(), e);
                }
            });
            devices.add(device);
            added.addNamespace(device);
        }
    }

    /** How an error names where a value came from: {@code --config FILE:LINE}, else the option given. */
    private static String origin(String configOrigin, String option) {
        return configOrigin != null ? "--config " + configOrigin : option;
    }

    private static List<InetSocketAddress> listening(TcpAcceptor acceptor) throws InterruptedException {
        try {
            return acceptor.listening().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof FerryException f ? f : new FerryException(ErrorCode.IO_ERROR, e.getCause().toString());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new FerryException(ErrorCode.TIMED_OUT, "the acceptor did not start listening within 30 s");
        }
    }

    private static void printConnectLines(PrintWriter out, ServeConfig.SubsystemSpec spec, List<InetSocketAddress> bound,
                                          Subsystem subsystem) {
        for (InetSocketAddress address : bound) {
            String host = address.getAddress().getHostAddress();
            String family = address.getAddress() instanceof Inet6Address ? "IPv6" : "IPv4";
            out.println("ferry serve: " + spec.nqn() + " on " + SocketAddresses.describe(address) + ", " + namespaces(subsystem));
            out.println("  spdk_nvme_identify -r 'trtype:TCP adrfam:" + family + " traddr:" + host + " trsvcid:"
                    + address.getPort() + " subnqn:" + spec.nqn() + "'");
            out.println("  nvme connect -t tcp -a " + host + " -s " + address.getPort() + " -n " + spec.nqn());
        }
        out.flush();
    }

    /** {@code namespace 1: file /x (512-byte blocks), namespace 2: ...}. */
    private static String namespaces(Subsystem subsystem) {
        return subsystem.namespaces().stream().map(ns -> "namespace " + ns.nsid() + ": " + ns.device().describe())
                .collect(Collectors.joining(", "));
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
