package io.ferry.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedMpscQueueTest {
    @Test
    void shouldRoundCapacityUpAndRefuseWhenFull() {
        BoundedMpscQueue<Integer> queue = new BoundedMpscQueue<>(3);
        assertThat(queue.capacity()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(queue.offer(i)).isTrue();
        }
        assertThat(queue.offer(99)).isFalse();
        assertThat(queue.poll()).isZero();
        assertThat(queue.offer(4)).isTrue();
        List<Integer> drained = new ArrayList<>();
        assertThat(queue.drain(drained::add, 10)).isEqualTo(4);
        assertThat(drained).containsExactly(1, 2, 3, 4);
        assertThat(queue.poll()).isNull();
    }

    @Test
    void shouldDeliverEveryElementOfConcurrentProducersOnceInProducerOrder() throws InterruptedException {
        BoundedMpscQueue<long[]> queue = new BoundedMpscQueue<>(64);
        int producers = 4;
        int perProducer = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long id = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < perProducer; i++) {
                    long[] element = {id, i};
                    while (!queue.offer(element)) {
                        Thread.onSpinWait();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        long[] next = new long[producers];
        int received = 0;
        while (received < producers * perProducer) {
            long[] element = queue.poll();
            if (element == null) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(element[1]).isEqualTo(next[(int) element[0]]);
            next[(int) element[0]]++;
            received++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(next).containsOnly(perProducer);
    }
}
