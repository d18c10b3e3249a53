package io.ferry.bench;

import java.util.List;

/** Writes the results of a run somewhere, in one format. */
public interface BenchReporter {
    /** Writes every row, in the order given; an empty list writes an empty report. */
    void report(List<BenchRow> rows);
}
