package io.ferry.nvmf.host;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.BoundedMpscQueue;
import io.ferry.net.NetLoop;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of the NVMe backend's components, one per poll group: it owns, on its group's network loop,
 * the controllers (admin queues) homed on it and its own I/O queue to every open namespace, and runs
 * what other threads hand it (opens, posts, closes, messages between a controller and its I/O queues)
 * through a bounded queue, drained a batch per cycle. Its queues, and its share of every post, live
 * on its thread.
 */
final class NvmeEngine implements Component {
    private static final int MESSAGES_PER_POLL = 64;

    private final int index;
    private final BoundedMpscQueue<Runnable> inbox;
    private final List<HostController> controllers = new ArrayList<>();
    private final List<IoQueueWork> queues = new ArrayList<>();
    /** Made once: a method reference made in {@link #poll()} would be an object per cycle. */
    private final Consumer<Runnable> runner = this::run;
    private volatile PollGroup group;
    private NetLoop loop;
    private volatile boolean closed;

    NvmeEngine(int index, int inboxCapacity) {
        this.index = index;
        this.inbox = new BoundedMpscQueue<>(inboxCapacity);
    }

    @Override
    public String name() {
        return "nvme-host-" + index;
    }

    /** This engine's place among the backend's engines; its I/O queues have QID index + 1. */
    int index() {
        return index;
    }

    /** Runs {@code message} on the engine's thread, at its next poll. Any thread. */
    void execute(Runnable message) {
        if (!inbox.offer(message)) {
            throw new FerryException(ErrorCode.QUEUE_FULL, "the NVMe host's queue of " + inbox.capacity()
                    + " messages is full");
        }
        PollGroup current = group;
        if (current != null) {
            current.wakeup();
        }
    }

    NetLoop loop() {
        return loop;
    }

    /** Starts a controller homed here; on the engine's thread. */
    void start(HostController controller, NvmeAddress address) {
        if (closed) {
            controller.fail("the NVMe backend is closed", null);
            return;
        }
        controllers.add(controller);
        try {
            controller.start(address.socketAddress());
        } catch (FerryException e) {
            controller.fail("cannot connect", e);
        }
    }

    /** Polls an I/O queue from now on (until it is closed); on the engine's thread. */
    void adopt(IoQueueWork queue) {
        if (closed) {
            queue.close(new FerryException(ErrorCode.CLOSED, "the NVMe backend is closed"));
            return;
        }
        queues.add(queue);
    }

    /** Whether the engine was closed; any thread (a message sent to it then would never run). */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void onStart(PollGroup owner) {
        loop = NetLoop.of(owner);
        group = owner;
    }

    @Override
    public int poll() {
        int work = inbox.drain(runner, MESSAGES_PER_POLL);
        for (int i = 0; i < controllers.size(); i++) {
            work += controllers.get(i).poll();
        }
        for (int i = 0; i < queues.size(); i++) {
            work += queues.get(i).poll();
        }
        controllers.removeIf(HostController::isEnded);
        queues.removeIf(IoQueueWork::isClosed);
        return work;
    }

    private void run(Runnable message) {
        try {
            message.run();
        } catch (RuntimeException e) {
            group.reportError(e);
        }
    }

    @Override
    public void onClose() {
        closed = true;
        inbox.drain(runner, inbox.capacity());
        for (HostController controller : controllers) {
            controller.close(new FerryException(ErrorCode.CLOSED, controller.address() + ": the NVMe backend was closed"));
        }
        controllers.clear();
        for (IoQueueWork queue : queues) {
            queue.close(new FerryException(ErrorCode.CLOSED, queue.address() + ": the NVMe backend was closed"));
        }
        queues.clear();
    }
}
