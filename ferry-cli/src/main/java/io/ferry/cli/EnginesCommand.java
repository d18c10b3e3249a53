package io.ferry.cli;

import io.ferry.file.FileEngines;
import io.ferry.spi.EngineSupport;
import io.ferry.spi.IoEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** Lists the file engines and whether each works on this machine. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the I/O engines and whether each works here (and if not, why).")
final class EnginesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-10s %-10s %s%n";
        out.printf(format, "ENGINE", "SUPPORTED", "DETAILS");
        for (IoEngine engine : FileEngines.builtins().all()) {
            EngineSupport support = engine.support();
            out.printf(format, engine.name(), support.supported() ? "yes" : "no",
                    support.supported() ? engine.description() : support.reason());
        }
        out.flush();
    }
}
