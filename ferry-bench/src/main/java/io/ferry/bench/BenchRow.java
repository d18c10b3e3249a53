package io.ferry.bench;

import java.util.List;
import java.util.Optional;

/**
 * One row of a report: Ferry's result and what each reference tool measured for the same row.
 *
 * @param ferry      Ferry's measurement
 * @param references the reference tools' measurements, in the order the tools were given
 */
public record BenchRow(BenchResult ferry, List<ReferenceResult> references) {
    public BenchRow {
        references = List.copyOf(references);
    }

    /** The reference tool's result with this name, if it ran. */
    public Optional<ReferenceResult> reference(String tool) {
        return references.stream().filter(r -> r.tool().equals(tool)).findFirst();
    }

    /**
     * Ferry's figure over the tool's: IOPS ratio, which for equal block sizes is also the bandwidth
     * ratio. NaN when the tool did not run or measured nothing.
     */
    public double ratio(String tool) {
        return reference(tool).filter(r -> r.iops() > 0).map(r -> ferry.iops() / r.iops()).orElse(Double.NaN);
    }
}
