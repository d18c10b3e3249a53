package io.ferry.bench.curl;

import java.util.ArrayList;
import java.util.List;

/**
 * The ranges that {@code processes} curl processes fetch so that together they read
 * {@code totalBytes} from the first {@code regionBytes} of an object, as Ferry's row did. The bytes
 * are laid end to end from the start of the region, wrapping around to its start as often as
 * needed (a timed row reads more than the region when it is fast), and cut into {@code processes}
 * equal shares, one per process; a share that wraps becomes several ranges, fetched one after
 * the other over the process's one connection.
 */
final class CurlRanges {
    private CurlRanges() {
    }

    /** Each process's ranges, in order; no more processes than bytes. */
    static List<List<ByteRange>> split(long totalBytes, long regionBytes, int processes) {
        if (totalBytes <= 0 || regionBytes <= 0 || processes <= 0) {
            throw new IllegalArgumentException("nothing to split: " + totalBytes + " bytes of " + regionBytes
                    + " over " + processes + " processes");
        }
        int count = (int) Math.min(processes, totalBytes);
        List<List<ByteRange>> shares = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Multiplying before dividing keeps the shares equal to within a byte; both are far below 2^63 / count.
            long start = Math.multiplyExact(totalBytes, i) / count;
            long end = Math.multiplyExact(totalBytes, i + 1) / count;
            shares.add(ranges(start, end, regionBytes));
        }
        return shares;
    }

    /** The stream bytes {@code [start, end)} as ranges of the region, cut where the stream wraps. */
    private static List<ByteRange> ranges(long start, long end, long regionBytes) {
        List<ByteRange> ranges = new ArrayList<>();
        for (long at = start; at < end; ) {
            long first = at % regionBytes;
            long length = Math.min(end - at, regionBytes - first);
            ranges.add(new ByteRange(first, first + length - 1));
            at += length;
        }
        return ranges;
    }
}
