package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.nvmf.host.DiscoveryEntry;
import io.ferry.nvmf.host.NvmeAddress;
import io.ferry.nvmf.host.NvmeBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/** {@code ferry nvme discover HOST:PORT}: the discovery log of a discovery controller, one subsystem a line. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Read the discovery log of the controller at HOST:PORT (through the discovery NQN) and print "
                + "each entry: its type, where to connect and the namespace address prefix to use.")
final class NvmeDiscoverCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT",
            description = "The discovery controller (port 4420 when left out), also as nvme+tcp://HOST:PORT.")
    String address;

    @Override
    public void run() {
        NvmeAddress controller = NvmeAddress.parseHostPort(Usage.nonEmpty(spec, "HOST:PORT", address));
        List<DiscoveryEntry> entries;
        try (Agent agent = CliAgents.create()) {
            entries = agent.attach(NvmeBackend.factory()).discover(controller);
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-9s %-7s %-22s %s%n";
        out.printf(format, "TYPE", "PORT ID", "ADDRESS", "SUBSYSTEM"); // the NVMe-oF port, not the TCP one: that is in ADDRESS
        for (DiscoveryEntry entry : entries) {
            String where = (entry.addressFamily() == 2 ? "[" + entry.address() + "]" : entry.address()) + ":" + entry.service();
            out.printf(format, entry.typeName(), entry.portId(), where, entry.subsystemType() == 2
                    ? NvmeAddress.SCHEME + where + "/" + entry.subsystemNqn() + "/NSID" : entry.subsystemNqn());
        }
        out.flush();
    }
}
