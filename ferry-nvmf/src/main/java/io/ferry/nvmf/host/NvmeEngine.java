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
 * The NVMe backend's one component: it owns every controller connection of the backend (on the
 * network loop of its poll group) and runs what other threads hand it (opens, posts, closes)
 * through a bounded queue, drained a batch per cycle. All controllers, their queues and the
 * per-post state of plans live on its thread.
 */
final class NvmeEngine implements Component {
    private static final int MESSAGES_PER_POLL = 64;

    private final BoundedMpscQueue<Runnable> inbox;
    private final List<HostController> controllers = new ArrayList<>();
    /** Made once: a method reference made in {@link #poll()} would be an object per cycle. */
    private final Consumer<Runnable> runner = this::run;
    private volatile PollGroup group;
    private NetLoop loop;
    private boolean closed;

    NvmeEngine(int inboxCapacity) {
        this.inbox = new BoundedMpscQueue<>(inboxCapacity);
    }

    @Override
    public String name() {
        return "nvme-host";
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

    /** Starts a controller; on the engine's thread. */
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
        controllers.removeIf(HostController::isEnded);
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
    }
}
