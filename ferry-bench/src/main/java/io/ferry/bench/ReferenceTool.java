package io.ferry.bench;

import java.nio.file.Path;

/**
 * A tool that runs the equivalent of a row on the same file, so that Ferry's numbers can be checked
 * against it side by side (fio). The runner calls it on the benchmark thread right after Ferry's
 * run of each row.
 */
public interface ReferenceTool {
    /** The tool's name, used in column headers and reports. */
    String name();

    /**
     * Runs the equivalent of {@code row} on {@code file}.
     *
     * @throws io.ferry.FerryException with a clear message when the tool is missing or fails
     */
    ReferenceResult run(BenchConfig config, RowSpec row, Path file);
}
