package io.ferry.nvmf.target;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.AcceptHandler;
import io.ferry.net.AcceptedSocket;
import io.ferry.net.ConnectionOptions;
import io.ferry.net.Listener;
import io.ferry.net.NetLoop;
import io.ferry.poll.Component;
import io.ferry.poll.Placement;
import io.ferry.poll.PollGroup;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TCP transport's acceptor (SPDK's {@code spdk_nvmf_tgt_accept} poller): listens on the
 * target's addresses and hands each accepted socket to one of the serving poll groups, chosen by a
 * {@link Placement} (round robin by default, as SPDK spreads new queue pairs), through that group's
 * inbox; the group's {@link TargetGroup} adopts it there. A {@link Component}: the application puts
 * it on the poll group of its choice (one of the serving groups, or one of its own) and its network
 * loop watches the listening sockets. Nothing here starts a thread.
 *
 * <p>{@link #create} makes one {@link TargetGroup} per serving poll group and offers it to that group.
 * The listeners open when the acceptor starts on its group; {@link #listening()} then completes with
 * the bound addresses (the ports the kernel chose for port 0), which are also added to the target
 * (the discovery log lists them).
 */
public final class TcpAcceptor implements Component, AcceptHandler {
    private static final System.Logger LOG = System.getLogger(TcpAcceptor.class.getName());

    private final Target target;
    private final List<PollGroup> groups;
    private final List<TargetGroup> targetGroups;
    private final List<InetSocketAddress> addresses;
    private final Placement placement;
    private final ConnectionOptions options;
    private final CompletableFuture<List<InetSocketAddress>> listening = new CompletableFuture<>();
    private final IdentityHashMap<Listener, ListenAddress> listeners = new IdentityHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private TcpAcceptor(Target target, List<PollGroup> groups, List<InetSocketAddress> addresses, Placement placement,
                        ConnectionOptions options) {
        this.target = target;
        this.groups = groups;
        this.addresses = addresses;
        this.placement = placement;
        this.options = options;
        List<TargetGroup> made = new ArrayList<>(groups.size());
        for (PollGroup ignored : groups) {
            made.add(target.newGroup());
        }
        this.targetGroups = List.copyOf(made);
    }

    /**
     * An acceptor for {@code target} listening on {@code addresses}, serving connections on
     * {@code groups}: each gets a {@link TargetGroup} now, through its inbox.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} without groups or addresses,
     *                        {@link ErrorCode#QUEUE_FULL} when a group's inbox is full
     */
    public static TcpAcceptor create(Target target, List<PollGroup> groups, List<InetSocketAddress> addresses,
                                     Placement placement) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(placement, "placement");
        if (groups.isEmpty() || addresses.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "an acceptor needs at least one poll group and one address");
        }
        TcpAcceptor acceptor = new TcpAcceptor(target, List.copyOf(groups), List.copyOf(addresses), placement,
                ConnectionOptions.PLAIN);
        for (int i = 0; i < acceptor.groups.size(); i++) {
            if (!acceptor.groups.get(i).offer(acceptor.targetGroups.get(i))) {
                throw new FerryException(ErrorCode.QUEUE_FULL, "the inbox of poll group " + acceptor.groups.get(i).name()
                        + " is full; cannot add " + acceptor.targetGroups.get(i).name());
            }
        }
        return acceptor;
    }

    /** Round robin over {@code groups}. */
    public static TcpAcceptor create(Target target, List<PollGroup> groups, List<InetSocketAddress> addresses) {
        return create(target, groups, addresses, Placement.roundRobin());
    }

    @Override
    public String name() {
        return "nvmf-acceptor";
    }

    /**
     * Completes with the bound addresses once listening, or exceptionally when an address cannot be
     * bound: then the acceptor listens on none of them, and the failure is not thrown to its group. Any thread.
     */
    public CompletableFuture<List<InetSocketAddress>> listening() {
        return listening;
    }

    /** The target groups serving connections, in the order of the poll groups given. Any thread. */
    public List<TargetGroup> targetGroups() {
        return targetGroups;
    }

    /** Connections accepted and handed to a group. Any thread. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Connections closed at once because the chosen group's inbox was full or the group closed. Any thread. */
    public long refusedCount() {
        return refused.get();
    }

    @Override
    public void onStart(PollGroup group) {
        NetLoop loop = NetLoop.of(group);
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (InetSocketAddress address : addresses) {
                Listener listener = loop.listen(address, this);
                InetSocketAddress local = listener.localAddress();
                ListenAddress listenAddress = new ListenAddress(local.getAddress().getHostAddress(), local.getPort());
                listeners.put(listener, listenAddress);
                target.addListener(listenAddress);
                bound.add(local);
            }
        } catch (RuntimeException e) {
            // Reported through listening(), where the application learns what was bound; thrown to the
            // group as well, its handler would report the same failure a second time.
            closeListeners();
            listening.completeExceptionally(e);
            return;
        }
        listening.complete(List.copyOf(bound));
    }

    @Override
    public int poll() {
        return 0;
    }

    @Override
    public void onAccepted(Listener listener, AcceptedSocket socket) {
        PollGroup group = placement.choose(groups, this);
        TargetGroup targetGroup = targetGroups.get(indexOf(group));
        ListenAddress address = listeners.get(listener);
        boolean handed;
        try {
            handed = group.execute(() -> targetGroup.adopt(socket, address, options));
        } catch (FerryException closed) {
            handed = false;
        }
        if (handed) {
            accepted.incrementAndGet();
            return;
        }
        refused.incrementAndGet();
        socket.close();
        LOG.log(System.Logger.Level.WARNING, "refused a connection from " + socket.remote() + ": poll group "
                + group.name() + " cannot take it (inbox full or closed)");
    }

    private void closeListeners() {
        for (var entry : listeners.entrySet()) {
            entry.getKey().close();
            target.removeListener(entry.getValue());
        }
        listeners.clear();
    }

    private int indexOf(PollGroup group) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) == group) {
                return i;
            }
        }
        throw new IllegalStateException("the placement chose " + group + ", which is not one of the acceptor's groups");
    }

    /** Stops listening and removes the addresses from the target; connections already accepted go on. */
    @Override
    public void onClose() {
        closeListeners();
        if (!listening.isDone()) {
            listening.completeExceptionally(new FerryException(ErrorCode.CLOSED, "the acceptor closed before it listened"));
        }
    }
}
