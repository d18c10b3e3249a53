package io.ferry.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class RandomWorkloadTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 64, 1000, 4096, 65_537})
    void shouldVisitEverySpanOnceInAPass(long spans) {
        Workload workload = new RandomWorkload(spans * 4096, 4096, 1, 1);
        BitSet seen = new BitSet();
        for (int position = 0; position < workload.positionCount(); position++) {
            long offset = workload.offsetBytes(position, 0);
            assertThat(offset % 4096).isZero();
            int span = (int) (offset / 4096);
            assertThat(seen.get(span)).as("span %d visited twice", span).isFalse();
            seen.set(span);
        }
        assertThat(seen.cardinality()).isEqualTo((int) spans);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void shouldKeepTheBlocksOfABatchTogetherAndTheCountAMultipleOfTheIodepth(int ioDepth) {
        Workload workload = new RandomWorkload(1 << 20, 4096, 4, ioDepth);
        assertThat(workload.positionCount() % ioDepth).isZero();
        for (int position = 0; position < workload.positionCount(); position++) {
            long first = workload.offsetBytes(position, 0);
            assertThat(first % (4 * 4096)).isZero();
            for (int d = 1; d < 4; d++) {
                assertThat(workload.offsetBytes(position, d)).isEqualTo(first + d * 4096L);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1000, 65_536})
    void shouldNotWalkTheFileInOrder(long spans) {
        Workload workload = new RandomWorkload(spans * 4096, 4096, 1, 1);
        int ascendingNeighbours = 0;
        for (int position = 1; position < 200; position++) {
            if (workload.offsetBytes(position, 0) == workload.offsetBytes(position - 1, 0) + 4096) {
                ascendingNeighbours++;
            }
        }
        assertThat(ascendingNeighbours).isZero();
    }
}
