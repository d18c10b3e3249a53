package io.ferry.net;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The timers of one loop in a binary min-heap ordered by deadline; each timer knows its index, so
 * rescheduling and cancelling cost O(log n) and allocate nothing once the heap has grown.
 */
final class TimerQueue {
    private Timer[] heap = new Timer[16];
    private int size;
    private long nowNs = System.nanoTime();

    long nowNs() {
        return nowNs;
    }

    /** Advances the queue's clock; called once per loop cycle. */
    long tick() {
        nowNs = System.nanoTime();
        return nowNs;
    }

    void schedule(Timer timer, long deadlineNs) {
        if (timer.heapIndex >= 0) {
            long previous = timer.deadlineNs;
            timer.deadlineNs = deadlineNs;
            if (deadlineNs - previous < 0) {
                up(timer.heapIndex);
            } else {
                down(timer.heapIndex);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.deadlineNs = deadlineNs;
        timer.heapIndex = size;
        heap[size++] = timer;
        up(timer.heapIndex);
    }

    void cancel(Timer timer) {
        int index = timer.heapIndex;
        if (index < 0) {
            return;
        }
        Timer last = heap[--size];
        heap[size] = null;
        timer.heapIndex = -1;
        if (index < size) {
            heap[index] = last;
            last.heapIndex = index;
            up(index);
            down(last.heapIndex);
        }
    }

    /** Nanoseconds until the earliest deadline (0 when one has passed), or {@code Long.MAX_VALUE} when none is scheduled. */
    long untilNextNs() {
        return size == 0 ? Long.MAX_VALUE : Math.max(0, heap[0].deadlineNs - nowNs);
    }

    /** Fires every timer whose deadline has passed; an action that throws goes to {@code errors}. Returns the count. */
    int expire(Consumer<Throwable> errors) {
        int fired = 0;
        while (size > 0 && heap[0].deadlineNs - nowNs <= 0) {
            Timer due = heap[0];
            cancel(due);
            fired++;
            try {
                due.fire();
            } catch (RuntimeException e) {
                errors.accept(e);
            }
        }
        return fired;
    }

    private void up(int index) {
        Timer timer = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (heap[parent].deadlineNs - timer.deadlineNs <= 0) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(timer, index);
    }

    private void down(int index) {
        Timer timer = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].deadlineNs - heap[child].deadlineNs < 0) {
                child++;
            }
            if (timer.deadlineNs - heap[child].deadlineNs <= 0) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(timer, index);
    }

    private void place(Timer timer, int index) {
        heap[index] = timer;
        timer.heapIndex = index;
    }
}
