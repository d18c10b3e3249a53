package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.nvmf.host.ControllerInfo;
import io.ferry.nvmf.host.NamespaceInfo;
import io.ferry.nvmf.host.NvmeBackend;
import io.ferry.nvmf.host.NvmeIdentity;
import io.ferry.settings.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code ferry nvme identify ADDRESS}: a controller and, when named, a namespace, in a few lines. */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = "Connect to a controller and print its Identify data: model, serial, firmware, version, "
                + "largest transfer, queue size; with a namespace id also the namespace's size and block size.")
final class NvmeIdentifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "nvme+tcp://HOST:PORT/SUBNQN[/NSID]")
    String address;

    @Override
    public void run() {
        NvmeIdentity identity;
        try (Agent agent = CliAgents.create()) {
            identity = agent.attach(NvmeBackend.factory()).identify(Usage.nonEmpty(spec, "ADDRESS", address));
        }
        PrintWriter out = spec.commandLine().getOut();
        ControllerInfo c = identity.controller();
        out.printf("controller %d of %s%n", c.controllerId(), c.subsystemNqn());
        out.printf("  model     %s%n  serial    %s%n  firmware  %s%n", c.model(), c.serial(), c.firmware());
        out.printf("  vendor    0x%04x%n  version   %s%n", c.vendorId(), c.versionText());
        out.printf("  max I/O   %s%n  queue     %d entries%n  namespaces %d%n",
                c.maxTransferBytes() == 0 ? "unlimited" : Sizes.format(c.maxTransferBytes()), c.maxQueueEntries(), c.namespaces());
        NamespaceInfo ns = identity.namespace();
        if (ns != null) {
            out.printf("namespace %d%n  size      %d bytes (%s)%n  blocks    %d of %d bytes%n", ns.nsid(), ns.bytes(),
                    Sizes.formatRounded(ns.bytes()), ns.blocks(), ns.blockSize());
        }
        out.flush();
    }
}
