package io.ferry.internal.linux;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * epoll(7) and eventfd(2) as C library calls ({@link CFunction}). An event array holds {@code struct epoll_event}s,
 * which are packed (12 bytes: events, then the 64-bit data) on x86_64 and naturally aligned
 * (16 bytes) elsewhere, as include/uapi/linux/eventpoll.h declares. Results are as in
 * {@link LibC}: the value, or the negated errno.
 */
public final class Epoll {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLL_CTL_MOD = 3;
    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;
    private static final int EFD_CLOEXEC = 02000000;
    /** The size of one event and the offset of its data: packed on x86_64 only. */
    public static final int EVENT_SIZE = isX86() ? 12 : 16;
    private static final int DATA_OFFSET = isX86() ? 4 : 8;

    private static final CFunction CREATE = CFunction.returningInt("epoll_create1");
    private static final CFunction CTL = CFunction.returningInt("epoll_ctl");
    private static final CFunction WAIT = CFunction.returningInt("epoll_wait");
    /** epoll_pwait2 (Linux 5.11, glibc 2.35) takes a timeout in nanoseconds; epoll_wait only milliseconds. */
    private static final Optional<CFunction> PWAIT2 = CFunction.optionalReturningInt("epoll_pwait2");
    private static final CFunction EVENTFD = CFunction.returningInt("eventfd");
    private static final CFunction WRITE = CFunction.returningLong("write");

    private Epoll() {
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** A close-on-exec epoll instance, or -errno. */
    public static int create(MemorySegment errno) {
        return (int) CREATE.call(errno, EPOLL_CLOEXEC, 0, 0, 0, 0, 0);
    }

    /** Adds {@code fd} with the interest {@code events} and the user value {@code data}; {@code scratch}: one event. */
    public static int add(MemorySegment errno, int epfd, int fd, int events, long data, MemorySegment scratch) {
        return control(errno, epfd, EPOLL_CTL_ADD, fd, events, data, scratch);
    }

    /** Changes the interest of {@code fd}. */
    public static int modify(MemorySegment errno, int epfd, int fd, int events, long data, MemorySegment scratch) {
        return control(errno, epfd, EPOLL_CTL_MOD, fd, events, data, scratch);
    }

    /** Removes {@code fd}. */
    public static int remove(MemorySegment errno, int epfd, int fd, MemorySegment scratch) {
        return control(errno, epfd, EPOLL_CTL_DEL, fd, 0, 0, scratch);
    }

    private static int control(MemorySegment errno, int epfd, int op, int fd, int events, long data, MemorySegment scratch) {
        scratch.set(JAVA_INT, 0, events);
        scratch.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        return (int) CTL.call(errno, epfd, op, fd, scratch.address(), 0, 0);
    }

    /**
     * Waits up to {@code timeoutNs} (0: not at all) for events, written to {@code events} (room for
     * {@code max}); {@code timespec} is 16 bytes of scratch. The number of events, or -errno.
     */
    public static int await(MemorySegment errno, int epfd, MemorySegment events, int max, long timeoutNs, MemorySegment timespec) {
        if (timeoutNs > 0 && PWAIT2.isPresent()) {
            timespec.set(JAVA_LONG, 0, timeoutNs / 1_000_000_000L);
            timespec.set(JAVA_LONG, 8, timeoutNs % 1_000_000_000L);
            return (int) PWAIT2.get().call(errno, epfd, events.address(), max, timespec.address(), 0, 0);
        }
        int timeoutMs = timeoutNs <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (timeoutNs + 999_999) / 1_000_000);
        return (int) WAIT.call(errno, epfd, events.address(), max, timeoutMs, 0, 0);
    }

    /** The ready events of entry {@code index} of an event array. */
    public static int events(MemorySegment events, int index) {
        return events.get(JAVA_INT_UNALIGNED, (long) index * EVENT_SIZE);
    }

    /** The user value of entry {@code index} of an event array. */
    public static long data(MemorySegment events, int index) {
        return events.get(JAVA_LONG_UNALIGNED, (long) index * EVENT_SIZE + DATA_OFFSET);
    }

    /** A non-blocking, close-on-exec eventfd with counter 0, or -errno. */
    public static int eventfd(MemorySegment errno) {
        return (int) EVENTFD.call(errno, 0, EFD_NONBLOCK | EFD_CLOEXEC, 0, 0, 0, 0);
    }

    /** Adds 1 to an eventfd's counter (wakes an epoll wait on it); {@code scratch}: 8 bytes. 8, or -errno. */
    public static long signal(MemorySegment errno, int eventfd, MemorySegment scratch) {
        scratch.set(JAVA_LONG, 0, 1L);
        return WRITE.call(errno, eventfd, scratch.address(), 8, 0, 0, 0);
    }

    /** Resets an eventfd's counter to 0; {@code scratch}: 8 bytes. */
    public static void drain(MemorySegment errno, int eventfd, MemorySegment scratch) {
        Sockets.read(errno, eventfd, scratch.address(), 8);
    }
}
