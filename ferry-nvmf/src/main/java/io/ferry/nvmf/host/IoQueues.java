package io.ferry.nvmf.host;

import io.ferry.FerryException;
import io.ferry.nvmf.internal.nvme.Status;

import java.net.InetSocketAddress;

/**
 * A controller's I/O queues, one per engine of the backend (QID = engine index + 1), and the
 * messages between the controller's home thread and the engines' threads, through the engines'
 * queues: open, suspend and close one way; a queue's Connect status or its loss the other, tagged
 * with the association (attempt) it belongs to, so that an answer about one already given up is
 * ignored. Queue k is touched on engine k's thread only, the rest on the home thread.
 */
final class IoQueues {
    private final HostController controller;
    private final NvmeEngine home;
    private final NvmeEngine[] engines;
    private final IoQueueWork[] queues;
    private int association;
    private int connected;

    IoQueues(HostController controller, NvmeEngine home, NvmeEngine[] engines) {
        this.controller = controller;
        this.home = home;
        this.engines = engines;
        this.queues = new IoQueueWork[engines.length];
    }

    int count() {
        return engines.length;
    }

    /** The I/O queue of engine {@code k}; on that engine's thread, once the namespace is open. */
    IoQueueWork queue(int k) {
        return queues[k];
    }

    /** Makes (the first time) and connects every queue to controller {@code id} of association {@code tag}. Home thread. */
    void open(int id, int tag, InetSocketAddress socketAddress, HostOptions options, ControllerInfo info,
              NamespaceInfo namespace, int inCapsuleBytes) {
        association = tag;
        connected = 0;
        for (NvmeEngine on : engines) {
            on.execute(() -> {
                int k = on.index();
                if (queues[k] == null) {
                    queues[k] = new IoQueueWork(this, controller.address(), on, socketAddress, options, info, namespace,
                            inCapsuleBytes);
                    on.adopt(queues[k]);
                }
                queues[k].resume(id, tag);
            });
        }
    }

    /** Drops every queue's connection, keeping what was in flight to send again. Home thread, once opened. */
    void suspend() {
        for (NvmeEngine on : engines) {
            on.execute(() -> queues[on.index()].suspend());
        }
    }

    /** Closes every queue made, failing what it holds; engines already closed closed theirs. Home thread. */
    void close(FerryException cause) {
        for (NvmeEngine on : engines) {
            if (!on.isClosed()) {
                on.execute(() -> {
                    IoQueueWork queue = queues[on.index()];
                    if (queue != null) {
                        queue.close(cause);
                    }
                });
            }
        }
    }

    /** A queue of association {@code tag} completed its Connect; any engine's thread. */
    void reportConnected(int tag, int status) {
        home.execute(() -> {
            if (tag != association || controller.isEnded()) {
                return;
            }
            if (status != Status.SUCCESS) {
                controller.fail("Connect (I/O queues 1-" + engines.length + ") failed: " + Status.describe(status), null);
            } else if (++connected == engines.length) {
                controller.queuesLive();
            }
        });
    }

    /** A queue of association {@code tag} lost its connection (or never made it); any engine's thread. */
    void reportLost(int tag, String what, Throwable cause) {
        home.execute(() -> {
            if (tag == association) {
                controller.fail(what, cause);
            }
        });
    }
}
