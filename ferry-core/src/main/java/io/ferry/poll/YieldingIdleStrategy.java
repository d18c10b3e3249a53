package io.ferry.poll;

/**
 * Offers the CPU to other threads after every idle cycle with {@link Thread#yield()}: low latency,
 * and a busy core only while nothing else wants it. Stateless; one instance may be shared.
 */
public final class YieldingIdleStrategy implements IdleStrategy {
    /** A yielding strategy; it holds no state. */
    public YieldingIdleStrategy() {
    }

    @Override
    public void idle(int workCount, Waiter waiter) {
        if (workCount <= 0) {
            Thread.yield();
        }
    }

    @Override
    public void reset() {
    }
}
