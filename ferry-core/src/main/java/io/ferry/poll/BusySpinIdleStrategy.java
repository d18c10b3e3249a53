package io.ferry.poll;

/**
 * Never gives up the CPU: an idle cycle only hints the processor with {@link Thread#onSpinWait()}.
 * The lowest latency, at the price of one core at 100% per thread. Stateless; one instance may be
 * shared.
 */
public final class BusySpinIdleStrategy implements IdleStrategy {
    /** A busy-spin strategy; it holds no state. */
    public BusySpinIdleStrategy() {
    }

    @Override
    public void idle(int workCount, Waiter waiter) {
        if (workCount <= 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void reset() {
    }
}
