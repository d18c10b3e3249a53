package io.ferry.cli;

/**
 * The rate of a count over its last few seconds: samples of (time, count) in a ring, the rate
 * taken between the oldest and the newest. Dividing the whole count by whole elapsed seconds, as
 * the first bars did, was off by up to 2x early on and slow to follow a change of pace.
 */
final class RateWindow {
    private final long windowNs;
    private final long[] times;
    private final long[] counts;
    private int newest = -1;
    private int size;

    /** Keeps up to {@code samples} samples, none older than {@code windowNs} behind the newest. */
    RateWindow(int samples, long windowNs) {
        this.windowNs = windowNs;
        this.times = new long[samples];
        this.counts = new long[samples];
    }

    void add(long nowNs, long count) {
        newest = (newest + 1) % times.length;
        times[newest] = nowNs;
        counts[newest] = count;
        size = Math.min(size + 1, times.length);
    }

    /** Counts per second over the window; 0 until two samples span some time. */
    double perSecond() {
        if (size < 2) {
            return 0;
        }
        int oldest = newest;
        for (int i = 1; i < size; i++) {
            int candidate = Math.floorMod(newest - i, times.length);
            if (times[newest] - times[candidate] > windowNs) {
                break;
            }
            oldest = candidate;
        }
        long spanNs = times[newest] - times[oldest];
        return spanNs <= 0 ? 0 : (counts[newest] - counts[oldest]) * 1e9 / spanNs;
    }
}
