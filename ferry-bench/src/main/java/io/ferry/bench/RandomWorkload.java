package io.ferry.bench;

/**
 * Positions in a random order, as fio's {@code randread} and {@code randwrite}: position {@code p}
 * covers span {@code (p * stride) mod spans}, where the stride is a large odd number coprime to
 * the number of spans (both below 2^30, so the product cannot overflow). That is a permutation, so each span is visited once per pass (as with
 * fio's random map), far from the previous one, and computing an offset allocates nothing. The
 * count is rounded to a multiple of the iodepth as in {@link SequentialWorkload}.
 */
final class RandomWorkload implements Workload {
    /** The fractional part of the golden ratio in 64 bits: a stride that spreads positions evenly. */
    private static final long GOLDEN_STRIDE = 0x9E3779B97F4A7C15L;

    private final long blockSizeBytes;
    private final long spanBytes;
    private final long spans;
    private final long stride;
    private final int positionCount;

    RandomWorkload(long fileSizeBytes, long blockSizeBytes, int batchSize, int ioDepth) {
        this.blockSizeBytes = blockSizeBytes;
        this.spanBytes = blockSizeBytes * batchSize;
        this.spans = Math.min(fileSizeBytes / spanBytes, SequentialWorkload.MAX_POSITIONS);
        this.positionCount = (int) Math.max(ioDepth, spans - spans % ioDepth);
        this.stride = coprimeStride(spans);
    }

    private static long coprimeStride(long spans) {
        long candidate = Math.floorMod(GOLDEN_STRIDE, spans) | 1;
        while (gcd(candidate, spans) != 1) {
            candidate += 2;
        }
        return candidate % spans == 0 ? 1 : candidate;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public int positionCount() {
        return positionCount;
    }

    @Override
    public long offsetBytes(int position, int descriptor) {
        long span = (position % spans) * stride % spans;
        return span * spanBytes + descriptor * blockSizeBytes;
    }

    @Override
    public long regionBytes() {
        return spans * spanBytes;
    }
}
