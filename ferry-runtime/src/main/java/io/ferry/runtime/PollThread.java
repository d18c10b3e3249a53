package io.ferry.runtime;

import io.ferry.poll.IdleStrategy;
import io.ferry.poll.PollGroup;

/**
 * The thread of one poll group: polls it and idles as its strategy says until stopped, then closes
 * the group on its own thread, so every component is closed by the thread that owned it.
 * Interrupting the thread does not stop it (stop does); the interrupt is cleared so the strategy can
 * wait again.
 */
final class PollThread {
    private final PollGroup group;
    private final IdleStrategy idle;
    private final Thread thread;
    private volatile boolean running = true;

    PollThread(PollGroup group, IdleStrategy idle) {
        this.group = group;
        this.idle = idle;
        this.thread = Thread.ofPlatform().name(group.name()).daemon(false).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                Thread.interrupted();
                idle.idle(group.poll(), group.waiter());
            }
        } finally {
            group.close();
        }
    }

    /** Asks the thread to end after its current cycle. Any thread. */
    void stop() {
        running = false;
        group.wakeup();
    }

    boolean isCurrentThread() {
        return thread == Thread.currentThread();
    }

    /** Waits until the thread ended (keeping an interrupt for the caller). */
    void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
