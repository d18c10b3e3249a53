package io.ferry.nvmf.host;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.Arrays;
import java.util.List;

/**
 * Refuses a write transfer in which a block that one descriptor covers only in part is also
 * written by another descriptor of the same namespace: the partial block is read-modify-written,
 * so the two commands would race and one update could be lost. Checked once per prepare, with the
 * prepared offsets.
 */
final class SharedBlocks {
    private SharedBlocks() {
    }

    /** @param indices the descriptors of one namespace, by their index in {@code descriptors} */
    static void check(NvmeNamespace namespace, List<Descriptor> descriptors, int[] indices) {
        long blockSize = namespace.blockSize();
        long[] partial = new long[indices.length * 2];
        int count = 0;
        for (int i : indices) {
            Descriptor d = descriptors.get(i);
            long start = d.targetOffset();
            long end = start + d.length();
            if (start % blockSize != 0) {
                partial[count++] = pack(start / blockSize, i);
            }
            if (end % blockSize != 0 && (end / blockSize != start / blockSize || start % blockSize == 0)) {
                partial[count++] = pack(end / blockSize, i);
            }
        }
        if (count == 0) {
            return;
        }
        long[] sorted = Arrays.copyOf(partial, count);
        Arrays.sort(sorted);
        for (int i : indices) {
            Descriptor d = descriptors.get(i);
            long first = d.targetOffset() / blockSize;
            long last = (d.targetOffset() + d.length() - 1) / blockSize;
            int at = Arrays.binarySearch(sorted, pack(first, 0));
            for (int k = at < 0 ? -at - 1 : at; k < count && block(sorted[k]) <= last; k++) {
                int other = index(sorted[k]);
                if (other != i) {
                    throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptors " + Math.min(i, other) + " and "
                            + Math.max(i, other) + " both write block " + block(sorted[k]) + " of " + namespace.describe()
                            + ", which one of them covers only in part: partial blocks are read-modify-written, so the "
                            + "two writes would race; merge them into one descriptor or align them to " + blockSize
                            + "-byte blocks");
                }
            }
        }
    }

    /** Block in the high bits, descriptor index in the low 24 bits, so that sorting orders by block. */
    private static long pack(long block, int index) {
        return block << 24 | index;
    }

    private static long block(long packed) {
        return packed >>> 24;
    }

    private static int index(long packed) {
        return (int) (packed & 0xFF_FFFF);
    }
}
