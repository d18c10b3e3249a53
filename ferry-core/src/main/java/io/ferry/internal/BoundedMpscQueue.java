package io.ferry.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A bounded, lock-free queue for hand-off between threads: many producers, one consumer (the thread
 * that owns the receiving component). Each slot carries a sequence number, so a producer claims a
 * slot with one compare-and-set and publishes it with a release store; the consumer reads with an
 * acquire load. {@link #offer} never blocks: a full queue returns false.
 */
public final class BoundedMpscQueue<E> {
    private final int mask;
    private final AtomicReferenceArray<E> slots;
    private final AtomicLongArray sequences;
    private final AtomicLong tail = new AtomicLong();
    private long head;

    /** @param capacity rounded up to a power of two */
    public BoundedMpscQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity out of range: " + capacity);
        }
        int size = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        slots = new AtomicReferenceArray<>(size);
        sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    /** Adds an element from any thread; false when the queue is full. */
    public boolean offer(E element) {
        while (true) {
            long t = tail.get();
            int index = (int) t & mask;
            long distance = sequences.getAcquire(index) - t;
            if (distance == 0) {
                if (tail.compareAndSet(t, t + 1)) {
                    slots.setPlain(index, element);
                    sequences.setRelease(index, t + 1);
                    return true;
                }
            } else if (distance < 0) {
                return false;
            }
        }
    }

    /** Removes the oldest element, or returns null; consumer thread only. */
    public E poll() {
        int index = (int) head & mask;
        if (sequences.getAcquire(index) != head + 1) {
            return null;
        }
        E element = slots.getPlain(index);
        slots.setPlain(index, null);
        sequences.setRelease(index, head + mask + 1);
        head++;
        return element;
    }

    /** True when an element is ready for {@link #poll()}; consumer thread only. */
    public boolean hasNext() {
        return sequences.getAcquire((int) head & mask) == head + 1;
    }

    /** Hands at most {@code limit} elements to {@code consumer}; consumer thread only. */
    public int drain(Consumer<? super E> consumer, int limit) {
        int count = 0;
        E element;
        while (count < limit && (element = poll()) != null) {
            consumer.accept(element);
            count++;
        }
        return count;
    }

    public int capacity() {
        return mask + 1;
    }
}
