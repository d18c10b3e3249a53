package io.ferry.net;

import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Epoll;
import io.ferry.internal.linux.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The epoll instance of a {@link NetLoop} and its wake-up eventfd: which members (connections and
 * listeners) and descriptors it watches with which interest, the loop's one wait, and the hand-over of
 * ready events to their members. A failed system call comes back as -errno for the loop to report,
 * except a member's registration, which aborts that member. The loop checks that it is open before it
 * calls; only {@link #wakeup()}, from another thread, may still come after {@link #close()}.
 *
 * <p>Threads: owned by the loop's thread, like the loop; only {@link #wakeup()} may be called from any
 * thread.
 */
final class EpollSelector {
    private static final int MAX_EVENTS = 256;
    /** The epoll id of the wake-up eventfd; members get ids from 1. */
    private static final int WAKE_ID = 0;
    /** The epoll id of the descriptors {@link #watch(int) watched} only so that a wait ends. */
    private static final int WATCH_ID = -1;

    private final MemorySegment errno;
    private final MemorySegment scratch;
    /** Memory of wakeup(), called from any thread: freed by the collector, so a wake-up racing close() never meets a closed arena. */
    private final Arena wakeArena = Arena.ofAuto();
    private final MemorySegment wakeErrno = LibC.newErrnoState(wakeArena);
    private final MemorySegment wakeScratch = wakeArena.allocate(8, 8);
    private final MemorySegment events;
    private final MemorySegment timespec;
    private final int epfd;
    private final int wakeFd;
    private final MemberTable members = new MemberTable();
    private int pendingEvents;
    private volatile boolean waiting;
    private volatile boolean signalled;

    /**
     * Makes the epoll instance and its eventfd; {@code arena} (the loop's) holds the event array, and
     * {@code errno} and {@code scratch} are the loop's, shared with its members.
     *
     * @throws FerryException when epoll or the eventfd cannot be made (nothing is left open)
     */
    EpollSelector(String name, Arena arena, MemorySegment errno, MemorySegment scratch) {
        this.errno = errno;
        this.scratch = scratch;
        this.events = arena.allocate((long) MAX_EVENTS * Epoll.EVENT_SIZE, 8);
        this.timespec = arena.allocate(16, 8);
        int ep = Epoll.create(errno);
        if (ep < 0) {
            throw Errno.failure("epoll_create1", name, -ep);
        }
        int wake = Epoll.eventfd(errno);
        if (wake < 0 || Epoll.add(errno, ep, wake, Epoll.EPOLLIN, WAKE_ID, scratch) < 0) {
            int error = wake < 0 ? -wake : LibC.errno(errno);
            LibC.close(errno, ep);
            throw Errno.failure("eventfd", name, error);
        }
        epfd = ep;
        wakeFd = wake;
    }

    /** The events a wait left for this poll, or else those ready now (no waiting): how many, or -errno. */
    int selectNow() {
        int ready = pendingEvents;
        pendingEvents = 0;
        if (ready == 0) {
            ready = Epoll.await(errno, epfd, events, MAX_EVENTS, 0, timespec);
        }
        return ready;
    }

    /** Hands the first {@code ready} events of the last select to their members. */
    void dispatch(int ready) {
        for (int i = 0; i < ready; i++) {
            dispatch(Epoll.data(events, i), Epoll.events(events, i));
        }
    }

    /**
     * Waits up to {@code waitNs} for events, kept for the next {@link #selectNow()}; no wait when that
     * is not positive, when events are already kept, or when {@link #wakeup()} came first.
     */
    void await(long waitNs) {
        if (waitNs <= 0 || pendingEvents > 0) {
            return;
        }
        waiting = true;
        if (signalled) {
            waiting = false;
            signalled = false;
            return;
        }
        int ready = Epoll.await(errno, epfd, events, MAX_EVENTS, waitNs, timespec);
        waiting = false;
        signalled = false;
        pendingEvents = Math.max(ready, 0);
    }

    /** Ends a wait in progress, or makes the next {@link #await} return at once; writes the eventfd only during a wait. Any thread. */
    void wakeup() {
        signalled = true;
        if (waiting) {
            Epoll.signal(wakeErrno, wakeFd, wakeScratch);
        }
    }

    /** Watches {@code fd} (readable, level-triggered) only so that a wait ends: 0, or -errno. */
    int watch(int fd) {
        return Epoll.add(errno, epfd, fd, Epoll.EPOLLIN, WATCH_ID, scratch);
    }

    /** Stops {@link #watch(int) watching} {@code fd}. */
    void unwatch(int fd) {
        Epoll.remove(errno, epfd, fd, scratch);
    }

    /** Gives {@code member} its id; it is watched from its first {@link #watch(Selectable, int)}. */
    void add(Selectable member) {
        members.add(member);
    }

    /** Sets the epoll interest of a member (added on first use). */
    void watch(Selectable member, int interest) {
        long data = members.epollData(member);
        int result = member.watched
                ? Epoll.modify(errno, epfd, member.fd(), interest, data, scratch)
                : Epoll.add(errno, epfd, member.fd(), interest, data, scratch);
        member.watched = true;
        if (result < 0) {
            member.abort(Errno.failure("epoll_ctl", member.toString(), -result));
        }
    }

    /** A member closed: its id is free again, and events still pending for it are ignored. */
    void forget(Selectable member) {
        members.remove(member);
    }

    /** Ends every member with {@code cause}; each forgets itself as it closes. */
    void abortAll(FerryException cause) {
        members.abortAll(cause);
    }

    /** Closes the eventfd and the epoll instance; after {@link #abortAll}. */
    void close() {
        LibC.close(errno, wakeFd);
        LibC.close(errno, epfd);
    }

    private void dispatch(long data, int ready) {
        int id = (int) data;
        if (id == WAKE_ID) {
            Epoll.drain(errno, wakeFd, scratch);
            return;
        }
        if (id == WATCH_ID) {
            return; // the source's owner reaps it in its own poll
        }
        Selectable member = members.member(data);
        if (member != null) {
            member.onReady(ready);
        }
    }
}
