package io.ferry.bench;

/**
 * A tool that runs the equivalent of a row on the same file or object, so that Ferry's numbers can
 * be checked against it side by side (fio, curl). The runner calls it on the benchmark thread right
 * after Ferry's run of each row.
 */
public interface ReferenceTool {
    /** The tool's name, used in column headers and reports. */
    String name();

    /**
     * Runs the equivalent of {@code row} on {@code location}.
     *
     * @param location the file's path, or the object's URL as given (query included)
     * @param ferry    what Ferry's run of the row measured, such as the bytes it moved
     * @throws io.ferry.FerryException with a clear message when the tool is missing or fails
     */
    ReferenceResult run(BenchConfig config, RowSpec row, String location, BenchResult ferry);
}
