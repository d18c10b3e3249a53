package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.nvmf.device.BlockChannel;
import io.ferry.nvmf.device.BlockCompletion;
import io.ferry.nvmf.internal.pdu.PduTransport;
import io.ferry.nvmf.internal.pdu.SocketTransport;
import io.ferry.net.AcceptedSocket;
import io.ferry.net.Connection;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.NetLoop;
import io.ferry.poll.Component;
import io.ferry.poll.PollGroup;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A poll group's share of the target (SPDK's {@code spdk_nvmf_poll_group} with its per-subsystem
 * parts): the queue pairs it serves, one device channel per namespace it has touched, and the time
 * of its last poll, which commands use as "now". Owned by one thread, which calls
 * {@link #poll(long)} with the current time; nothing here reads a clock or starts a thread.
 *
 * <p>On sockets it is a {@link Component} of a poll group: it serves its connections on the group's
 * {@link NetLoop}, takes its time from the loop's cycle, and adopts the sockets a
 * {@link TcpAcceptor} hands it through the group's inbox. The counters may be read from any thread.
 */
public final class TargetGroup implements Component, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TargetGroup.class.getName());
    private static final int SCRATCH_BYTES = 4096;

    private final Target target;
    private final String name;
    private final Arena arena = Arena.ofShared();
    private final ByteBuffer scratch = arena.allocate(SCRATCH_BYTES).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    private final BlockCompletion completion = this::deviceCompleted;
    private QueuePair[] queuePairs = new QueuePair[8];
    private BlockChannel[] channels = new BlockChannel[0];
    private long nowNs;
    private long protocolErrors;
    private final AtomicLong ioCommands = new AtomicLong();
    private final AtomicLong ioBytes = new AtomicLong();
    private final AtomicLong deviceErrors = new AtomicLong();
    private volatile int liveConnections;
    private NetLoop loop;
    private boolean draining;

    TargetGroup(Target target, String name) {
        this.target = target;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Serves connections on the group's network loop from now on. */
    @Override
    public void onStart(PollGroup group) {
        loop = NetLoop.of(group);
    }

    /** One duty cycle with the time of the network loop's cycle. */
    @Override
    public int poll() {
        return poll(loop.nowNs());
    }

    /** The poll group lets go: connections end; see {@link #close()} for requests still on a device. */
    @Override
    public void onClose() {
        try {
            close();
        } catch (FerryException e) {
            LOG.log(System.Logger.Level.WARNING, name + " closed with requests on a device: " + e.getMessage());
        }
    }

    /**
     * Makes a connection of {@code socket}, accepted on {@code listener}, served by this group from
     * its next cycle. Owner thread (a {@link TcpAcceptor} sends it here through the group's inbox).
     * A draining group closes the socket instead.
     */
    public void adopt(AcceptedSocket socket, ListenAddress listener, ConnectionOptions options) {
        if (draining || loop == null) {
            socket.close();
            return;
        }
        SocketTransport transport = new SocketTransport();
        Connection connection = loop.adopt(socket, transport, options);
        transport.bind(connection);
        transport.attach(accept(transport, listener));
    }

    /**
     * Ends every connection gracefully and takes no new one: commands under way finish and their
     * responses are sent, commands not yet started fail with Command Aborted due to SQ Deletion
     * (hosts retry those elsewhere or later), and each connection closes once it has none left.
     * {@link #connections()} then reaches 0 and the group can be closed. Owner thread.
     */
    public void drain() {
        draining = true;
        FerryException cause = new FerryException(ErrorCode.CLOSED, "the target is shutting down");
        for (QueuePair queue : queuePairs) {
            if (queue != null) {
                queue.quiesce(cause);
            }
        }
    }

    /** The target this group serves a share of. */
    public Target target() {
        return target;
    }

    /**
     * A new connection arrived through {@code listener}: it becomes a queue pair of this group.
     * {@link #adopt} calls this for a socket; tests call it with an in-memory link.
     */
    QueuePair accept(PduTransport transport, ListenAddress listener) {
        int slot = 0;
        while (slot < queuePairs.length && queuePairs[slot] != null) {
            slot++;
        }
        if (slot == queuePairs.length) {
            queuePairs = Arrays.copyOf(queuePairs, slot * 2);
        }
        QueuePair queue = new QueuePair(this, transport, listener, slot);
        queuePairs[slot] = queue;
        liveConnections++;
        return queue;
    }

    /** Does the ready work: device completions, then each queue pair's duty cycle. */
    public int poll(long nowNs) {
        this.nowNs = nowNs;
        int work = 0;
        for (BlockChannel channel : channels) {
            if (channel != null) {
                work += channel.poll();
            }
        }
        for (QueuePair queue : queuePairs) {
            if (queue != null) {
                work += queue.poll(nowNs);
            }
        }
        return work;
    }

    /** Connections served now, including closed ones whose requests still wait for a device. Any thread. */
    public int connections() {
        return liveConnections;
    }

    /** Reads and writes completed successfully. Any thread. */
    public long ioCommands() {
        return ioCommands.get();
    }

    /** Bytes read and written by {@link #ioCommands()}. Any thread. */
    public long ioBytes() {
        return ioBytes.get();
    }

    /** A read or write of {@code bytes} completed; a release store, as only this thread writes. */
    void ioCompleted(long bytes) {
        ioCommands.lazySet(ioCommands.get() + 1);
        ioBytes.lazySet(ioBytes.get() + bytes);
    }

    /**
     * Device operations that failed, and channels that could not be opened; each failed its command (an
     * unrecovered read error, a write fault). Any thread.
     */
    public long deviceErrors() {
        return deviceErrors.get();
    }

    /**
     * A device failed {@code what} with {@code errno}: counted, and the group's first such failure is logged
     * (a warning names the command and the error; the count shows how many followed).
     */
    void deviceFailed(Supplier<String> what, int errno) {
        if (countDeviceError() == 1) {
            String hint = errno == Errno.EIO ? "; a file namespace reads so past the end of a file that shrank" : "";
            LOG.log(System.Logger.Level.WARNING, name + ": " + what.get() + " failed: " + Errno.name(errno) + hint);
        }
    }

    /** Connections this group ended because of a malformed PDU (each answered with a C2HTermReq). */
    public long protocolErrors() {
        return protocolErrors;
    }

    void protocolError() {
        protocolErrors++;
    }

    long now() {
        return nowNs;
    }

    /** A page-sized buffer for building admin pages; one user at a time (this group's thread). */
    ByteBuffer scratch() {
        return scratch;
    }

    /** This group's channel to a namespace's device, opened on first use; null when it cannot be opened (counted, logged). */
    BlockChannel channel(Namespace namespace) {
        int index = namespace.index();
        if (index >= channels.length) {
            channels = Arrays.copyOf(channels, Math.max(index + 1, channels.length * 2));
        }
        BlockChannel channel = channels[index];
        if (channel == null) {
            try {
                channel = namespace.device().openChannel(target.options().deviceQueueDepth(), completion);
            } catch (RuntimeException e) {
                countDeviceError();
                LOG.log(System.Logger.Level.WARNING, "cannot open a channel to " + namespace + ": " + e.getMessage(), e);
                return null;
            }
            channels[index] = channel;
            watch(channel);
        }
        return channel;
    }

    /** Lets the channel's completions end the group's wait ({@link BlockChannel#readyFd()}), so that it needs no polling. */
    private void watch(BlockChannel channel) {
        int fd = channel.readyFd();
        if (fd >= 0 && loop != null) {
            loop.watch(fd);
        }
    }

    /** The tag of a device operation: the queue pair's slot and the request's index. */
    long tag(QueuePair queue, Request r) {
        return (long) queue.slot() << 16 | r.index;
    }

    /** Ends {@link #watch}, before the channel closes its descriptor (whose number may then be reused). */
    private void unwatch(BlockChannel channel) {
        if (loop != null) {
            int fd = channel.readyFd();
            if (fd >= 0) {
                loop.unwatch(fd);
            }
        }
    }

    /** Counts one more device error; a release store, as only this thread writes. Returns the count. */
    private long countDeviceError() {
        long count = deviceErrors.get() + 1;
        deviceErrors.lazySet(count);
        return count;
    }

    private void deviceCompleted(long tag, int status) {
        queuePairs[(int) (tag >>> 16)].deviceCompleted((int) (tag & 0xFFFF), status);
    }

    void removed(QueuePair queue) {
        if (queuePairs[queue.slot()] == queue) {
            queuePairs[queue.slot()] = null;
            liveConnections--;
        }
    }

    /**
     * Closes every connection of this group and its device channels. Requests waiting for a device
     * keep their buffers: when some are left, this throws and changes nothing more; poll until
     * {@link #connections()} is 0 and close again.
     */
    @Override
    public void close() {
        draining = true;
        int onDevice = 0;
        for (QueuePair queue : queuePairs) {
            if (queue != null) {
                queue.abort(new FerryException(ErrorCode.CLOSED, "the target's poll group is closing"));
                onDevice += queue.onDevice();
            }
        }
        if (onDevice > 0) {
            throw new FerryException(ErrorCode.ILLEGAL_STATE, onDevice
                    + " request(s) still wait for their device; poll the group until it has no connection, then close it");
        }
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] != null) {
                unwatch(channels[i]);
                channels[i].close();
                channels[i] = null;
            }
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
