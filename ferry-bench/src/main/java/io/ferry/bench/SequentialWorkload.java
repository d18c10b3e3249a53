package io.ferry.bench;

/**
 * Positions that walk the file in order: position {@code p} covers {@code batchSize} consecutive
 * blocks from {@code p * blockSize * batchSize}. The file holds {@code fileSize / (blockSize *
 * batchSize)} such spans; the count is capped at {@value #MAX_POSITIONS} and rounded down to a
 * multiple of the iodepth (which may leave a tail of the file out), or raised to the iodepth when
 * the file holds fewer spans, in which case positions wrap around to the start of the file.
 */
final class SequentialWorkload implements Workload {
    /** The most positions of a row; a longer file is covered from its start up to this many spans. */
    static final int MAX_POSITIONS = 1 << 30;

    private final long blockSizeBytes;
    private final long spanBytes;
    private final int spans;
    private final int positionCount;

    SequentialWorkload(long fileSizeBytes, long blockSizeBytes, int batchSize, int ioDepth) {
        this.blockSizeBytes = blockSizeBytes;
        this.spanBytes = blockSizeBytes * batchSize;
        this.spans = (int) Math.min(fileSizeBytes / spanBytes, MAX_POSITIONS);
        this.positionCount = Math.max(ioDepth, spans - spans % ioDepth);
    }

    @Override
    public int positionCount() {
        return positionCount;
    }

    @Override
    public long offsetBytes(int position, int descriptor) {
        return (position % spans) * spanBytes + descriptor * blockSizeBytes;
    }

    @Override
    public long regionBytes() {
        return Math.min(positionCount, spans) * spanBytes;
    }
}
