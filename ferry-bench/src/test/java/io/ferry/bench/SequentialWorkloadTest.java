package io.ferry.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequentialWorkloadTest {
    @Test
    void shouldCoverTheFileWithConsecutiveBatchesOfBlocks() {
        Workload workload = new SequentialWorkload(64 << 10, 4096, 2, 1);

        assertThat(workload.positionCount()).isEqualTo(8);
        assertThat(workload.offsetBytes(0, 0)).isZero();
        assertThat(workload.offsetBytes(0, 1)).isEqualTo(4096);
        assertThat(workload.offsetBytes(3, 0)).isEqualTo(3 * 8192);
        assertThat(workload.offsetBytes(7, 1)).isEqualTo(7 * 8192 + 4096);
        assertThat(workload.regionBytes()).isEqualTo(64 << 10);
    }

    @Test
    void shouldRoundTheCountDownToAMultipleOfTheIoDepth() {
        Workload workload = new SequentialWorkload(10 * 4096 + 100, 4096, 1, 4);

        assertThat(workload.positionCount()).isEqualTo(8);
        assertThat(workload.regionBytes()).isEqualTo(8 * 4096);
    }

    @Test
    void shouldWrapAroundWhenTheFileHoldsFewerBatchesThanTheIoDepth() {
        Workload workload = new SequentialWorkload(3 * 4096, 4096, 1, 4);

        assertThat(workload.positionCount()).isEqualTo(4);
        assertThat(workload.offsetBytes(3, 0)).isZero();
        assertThat(workload.regionBytes()).isEqualTo(3 * 4096);
    }

    @Test
    void shouldCapTheNumberOfPositions() {
        Workload workload = new SequentialWorkload(1L << 50, 4096, 1, 3);

        assertThat(workload.positionCount()).isEqualTo(SequentialWorkload.MAX_POSITIONS - SequentialWorkload.MAX_POSITIONS % 3);
        assertThat(workload.regionBytes()).isEqualTo(workload.positionCount() * 4096L);
    }
}
