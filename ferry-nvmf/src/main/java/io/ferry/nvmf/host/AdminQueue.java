package io.ferry.nvmf.host;

import io.ferry.net.NetLoop;
import io.ferry.nvmf.internal.host.HostQueue;
import io.ferry.nvmf.internal.nvme.Status;
import io.ferry.nvmf.internal.pdu.DataBuffer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The admin queue of one association of a {@link HostController}: sends named admin commands, each
 * with the step that follows its answer, and hands every answer to its step. A failure status and the
 * end of the connection go to the controller with the name of the command. Each association gets a
 * new one; once dropped, it hears nothing more from its connection. Owned by the home engine's thread.
 */
final class AdminQueue implements HostQueue.Listener {
    /** Writes a command's SQE given its CID. */
    @FunctionalInterface
    interface Command {
        void write(ByteBuffer sqe, int cid);
    }

    /** What follows an admin command. */
    @FunctionalInterface
    interface Step {
        void done(int status, int cdw0, int cdw1);
    }

    static final int SLOTS = 8;
    static final int QUEUE_SIZE = 32;
    static final int MAX_DATA = 1 << 20;

    private final HostController controller;
    private final DataBuffer page;
    private final QueueLink link;
    private final Step[] steps = new Step[SLOTS];
    private final String[] stepNames = new String[SLOTS];
    private boolean dropped;

    /** Connects at once; commands can be sent once {@link #isReady()}. */
    AdminQueue(HostController controller, NetLoop loop, InetSocketAddress address, DataBuffer page, HostOptions options) {
        this.controller = controller;
        this.page = page;
        this.link = new QueueLink(loop, address, this, SLOTS, MAX_DATA, options.headerDigest(), options.dataDigest());
    }

    boolean isReady() {
        return link.isReady();
    }

    /** Whether the TCP connection opened (the ICReq then went out). */
    boolean isConnected() {
        return link.wasConnected();
    }

    /**
     * Sends a command with {@code length} bytes of the page, to the controller when
     * {@code hostToController}, else read into it; {@code next} runs on a successful answer.
     *
     * @return false when every slot is taken
     */
    boolean send(String name, Command command, int length, boolean hostToController, Step next) {
        HostQueue queue = link.queue();
        int cid = queue.acquire();
        if (cid < 0) {
            return false;
        }
        steps[cid] = next;
        stepNames[cid] = name;
        command.write(queue.sqe(cid), cid);
        queue.submit(cid, length == 0 ? null : page, length, hostToController);
        return true;
    }

    /** Closes the connection; nothing it reports afterwards is heard. */
    void drop() {
        dropped = true;
        link.close(null);
    }

    @Override
    public void completed(int cid, int status, int cdw0, int cdw1) {
        if (dropped) {
            return;
        }
        Step next = steps[cid];
        String name = stepNames[cid];
        steps[cid] = null;
        if (controller.isEnded() || next == null) {
            return;
        }
        if (status != Status.SUCCESS) {
            controller.fail(name + " failed: " + Status.describe(status), null);
            return;
        }
        next.done(status, cdw0, cdw1);
    }

    @Override
    public void closed(Throwable cause) {
        if (!dropped) {
            controller.adminClosed(link.wasConnected(), cause);
        }
    }
}
