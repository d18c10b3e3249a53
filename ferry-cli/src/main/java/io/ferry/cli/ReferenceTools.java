package io.ferry.cli;

import io.ferry.bench.BenchConfig;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.curl.CurlTool;
import io.ferry.bench.fio.FioEngine;
import io.ferry.bench.fio.FioTool;
import picocli.CommandLine.Model.CommandSpec;

/** The tools of {@code ferry bench --compare}: fio for files, curl for remote objects. */
final class ReferenceTools {
    private ReferenceTools() {
    }

    /** The tool named {@code name}, checked now so that a missing tool or a run it cannot mirror is reported before the sweep. */
    static ReferenceTool of(CommandSpec spec, String name, BenchConfig config) {
        return switch (name.trim()) {
            case "fio" -> fio(spec, config);
            case "curl" -> Usage.probe(spec, () -> CurlTool.probe(config));
            default -> throw Usage.error(spec, "--compare: unknown tool '" + name
                    + "' (available: fio for the file backend, curl for the remote backend)");
        };
    }

    private static FioTool fio(CommandSpec spec, BenchConfig config) {
        if (config.isRemote()) {
            throw Usage.error(spec, "--compare fio measures files: it cannot read the remote backend's object "
                    + "(use --compare curl)");
        }
        FioEngine.of(config.engine());
        return FioTool.probe();
    }
}
