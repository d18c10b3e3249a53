package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry nvme ...}: NVMe/TCP controllers and namespaces, through the NVMe host. */
@Command(name = "nvme", mixinStandardHelpOptions = true,
        description = "Talk to NVMe/TCP controllers: discover subsystems, identify controllers and namespaces. "
                + "Namespaces are named nvme+tcp://HOST:PORT/SUBNQN/NSID everywhere (ferry copy too).",
        subcommands = {NvmeDiscoverCommand.class, NvmeIdentifyCommand.class})
final class NvmeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Usage.commandRequired(spec, "an nvme command");
    }
}
