package io.ferry.bench;

import java.util.List;

/** Writes the results of a run somewhere, in one format. */
public interface BenchReporter {
    /** Writes every result, in the order given; an empty list writes an empty report. */
    void report(List<BenchResult> results);
}
