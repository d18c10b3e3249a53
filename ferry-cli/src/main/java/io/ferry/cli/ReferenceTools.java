package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.bench.BenchConfig;
import io.ferry.bench.ReferenceTool;
import io.ferry.bench.curl.CurlTool;
import io.ferry.bench.fio.FioEngine;
import io.ferry.bench.fio.FioTool;

/** The tools of {@code ferry bench --compare}: fio for files, curl for remote objects. */
final class ReferenceTools {
    private ReferenceTools() {
    }

    /** The tool named {@code name}, checked now so that a missing tool or a run it cannot mirror is reported before the sweep. */
    static ReferenceTool of(String name, BenchConfig config) {
        return switch (name.trim()) {
            case "fio" -> fio(config);
            case "curl" -> CurlTool.probe(config);
            default -> throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--compare: unknown tool '" + name
                    + "' (available: fio for the file backend, curl for the remote backend)");
        };
    }

    private static FioTool fio(BenchConfig config) {
        if (config.isRemote()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "--compare fio measures files: it cannot read "
                    + "the remote backend's object (use --compare curl)");
        }
        FioEngine.of(config.engine());
        return FioTool.probe();
    }
}
