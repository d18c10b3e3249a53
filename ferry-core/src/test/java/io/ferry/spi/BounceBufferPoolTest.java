package io.ferry.spi;

import io.ferry.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool hands out each buffer once until it is released, aligned, and allocates nothing until asked. */
@Timeout(10)
class BounceBufferPoolTest {
    @Test
    void shouldAllocateItsBuffersOnlyWhenTheFirstIsTaken() {
        try (BounceBufferPool pool = new BounceBufferPool(4, 1 << 20)) {
            assertThat(pool.slab()).as("no memory for a pool nobody used").isNull();
            int first = pool.acquire();
            assertThat(pool.slab()).isNotNull();
            assertThat(pool.slab().byteSize()).isEqualTo(4L << 20);
            assertThat(pool.address(first)).isEqualTo(pool.slab().address() + pool.offset(first));
        }
    }

    @Test
    void shouldHandOutEveryBufferOnceAlignedThenNothingUntilOneIsReleased() {
        try (BounceBufferPool pool = new BounceBufferPool(3, 5000)) {
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                int index = pool.acquire();
                assertThat(taken.add(index)).as("buffer %d handed out twice", index).isTrue();
                assertThat(pool.address(index) % Memory.DEFAULT_ALIGNMENT).isZero();
            }
            assertThat(pool.acquire()).isEqualTo(-1);
            pool.release(1);
            assertThat(pool.acquire()).isEqualTo(1);
            assertThat(pool.offset(2) - pool.offset(1)).as("buffers do not overlap").isGreaterThanOrEqualTo(5000);
        }
    }
}
