package io.ferry.internal.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Non-blocking TCP sockets as C library calls ({@link CFunction}; socket(7), tcp(7)); constants from the generic Linux
 * headers (asm-generic/socket.h, netinet/in.h, netinet/tcp.h), which x86_64 and arm64 share. Every
 * call takes the caller's errno capture segment and returns the result or the negated errno;
 * buffers are passed as {@code long} addresses so nothing is allocated per call.
 */
public final class Sockets {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 04000;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_LINGER = 13;
    private static final int SO_ERROR = 4;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;
    /** send(2) flag: a write to a connection the peer closed returns EPIPE instead of raising SIGPIPE. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /** ioctl(2) request (TIOCOUTQ, asm-generic/ioctls.h): bytes the peer has not acknowledged yet, a FIN counting one. */
    private static final int SIOCOUTQ = 0x5411;
    /** The largest sockaddr (sockaddr_in6, 28 bytes), rounded up. */
    public static final int SOCKADDR_SIZE = 32;
    /** struct msghdr (x86_64 and arm64): name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR_SIZE = 56;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final ValueLayout.OfShort JAVA_SHORT_NATIVE = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** Ports go over the wire in network byte order. */
    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static final CFunction SOCKET = CFunction.returningInt("socket");
    private static final CFunction CONNECT = CFunction.returningInt("connect");
    private static final CFunction BIND = CFunction.returningInt("bind");
    private static final CFunction LISTEN = CFunction.returningInt("listen");
    private static final CFunction ACCEPT4 = CFunction.returningInt("accept4");
    private static final CFunction GETSOCKNAME = CFunction.returningInt("getsockname");
    private static final CFunction GETPEERNAME = CFunction.returningInt("getpeername");
    private static final CFunction SETSOCKOPT = CFunction.returningInt("setsockopt");
    private static final CFunction GETSOCKOPT = CFunction.returningInt("getsockopt");
    private static final CFunction READ = CFunction.returningLong("read");
    private static final CFunction SENDMSG = CFunction.returningLong("sendmsg");
    private static final CFunction SEND = CFunction.returningLong("send");
    private static final CFunction SENDFILE = CFunction.returningLong("sendfile");
    private static final CFunction SHUTDOWN = CFunction.returningInt("shutdown");
    private static final CFunction IOCTL = CFunction.variadicReturningInt("ioctl");

    private Sockets() {
    }

    /** A non-blocking, close-on-exec TCP socket of {@code family}, or -errno. */
    public static int socket(MemorySegment errno, int family) {
        return (int) SOCKET.call(errno, family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0, 0, 0);
    }

    /** connect(2) to the sockaddr at {@code address}: 0, or -errno (-EINPROGRESS while it goes on). */
    public static int connect(MemorySegment errno, int fd, long address, int length) {
        return (int) CONNECT.call(errno, fd, address, length, 0, 0, 0);
    }

    /** bind(2): 0, or -errno. */
    public static int bind(MemorySegment errno, int fd, long address, int length) {
        return (int) BIND.call(errno, fd, address, length, 0, 0, 0);
    }

    /** listen(2): 0, or -errno. */
    public static int listen(MemorySegment errno, int fd, int backlog) {
        return (int) LISTEN.call(errno, fd, backlog, 0, 0, 0, 0);
    }

    /**
     * accept4(2) of a non-blocking, close-on-exec socket; the peer's sockaddr goes to
     * {@code address} (room for {@link #SOCKADDR_SIZE} bytes) and its length to {@code lengthAddress}.
     * The new descriptor, or -errno (-EAGAIN when none waits).
     */
    public static int accept(MemorySegment errno, int fd, long address, long lengthAddress) {
        return (int) ACCEPT4.call(errno, fd, address, lengthAddress, SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0);
    }

    /** getsockname(2) or, with {@code peer}, getpeername(2): 0, or -errno. */
    public static int name(MemorySegment errno, int fd, boolean peer, long address, long lengthAddress) {
        return (int) (peer ? GETPEERNAME : GETSOCKNAME).call(errno, fd, address, lengthAddress, 0, 0, 0);
    }

    /** Sets TCP_NODELAY (small writes go out at once); {@code scratch} holds 4 bytes. 0, or -errno. */
    public static int setNoDelay(MemorySegment errno, int fd, MemorySegment scratch) {
        return setIntOption(errno, fd, IPPROTO_TCP, TCP_NODELAY, 1, scratch);
    }

    /** Sets SO_REUSEADDR (a listener can bind again at once after a restart). 0, or -errno. */
    public static int setReuseAddress(MemorySegment errno, int fd, MemorySegment scratch) {
        return setIntOption(errno, fd, SOL_SOCKET, SO_REUSEADDR, 1, scratch);
    }

    /**
     * Sets SO_LINGER to on with a time of 0, so that the next close(2) resets the connection (RST) and
     * discards what the socket still holds to send, instead of sending it and a FIN in the background.
     * {@code scratch} holds 8 bytes. 0, or -errno.
     */
    public static int resetOnClose(MemorySegment errno, int fd, MemorySegment scratch) {
        scratch.set(JAVA_INT, 0, 1);
        scratch.set(JAVA_INT, 4, 0);
        return (int) SETSOCKOPT.call(errno, fd, SOL_SOCKET, SO_LINGER, scratch.address(), 8, 0);
    }

    private static int setIntOption(MemorySegment errno, int fd, int level, int option, int value, MemorySegment scratch) {
        scratch.set(JAVA_INT, 0, value);
        return (int) SETSOCKOPT.call(errno, fd, level, option, scratch.address(), 4, 0);
    }

    /** The pending error of a socket (SO_ERROR): 0 when a non-blocking connect succeeded. {@code scratch}: 8 bytes. */
    public static int pendingError(MemorySegment errno, int fd, MemorySegment scratch) {
        scratch.set(JAVA_INT, 0, 0);
        scratch.set(JAVA_INT, 4, 4);
        long result = GETSOCKOPT.call(errno, fd, SOL_SOCKET, SO_ERROR, scratch.address(), scratch.address() + 4, 0);
        return result == 0 ? scratch.get(JAVA_INT, 0) : (int) -result;
    }

    /** read(2) into {@code address}: bytes read (0 at end of stream), or -errno. */
    public static long read(MemorySegment errno, int fd, long address, long length) {
        return READ.call(errno, fd, address, length, 0, 0, 0);
    }

    /**
     * A gathering write of {@code count} iovecs at {@code iovecs} through sendmsg(2) with
     * MSG_NOSIGNAL; {@code msghdr} is a {@link #MSGHDR_SIZE}-byte scratch area. Bytes written, or -errno.
     */
    public static long writev(MemorySegment errno, int fd, MemorySegment msghdr, long iovecs, int count) {
        msghdr.fill((byte) 0);
        msghdr.set(JAVA_LONG, MSG_IOV, iovecs);
        msghdr.set(JAVA_LONG, MSG_IOVLEN, count);
        return SENDMSG.call(errno, fd, msghdr.address(), MSG_NOSIGNAL, 0, 0, 0);
    }

    /** send(2) with MSG_NOSIGNAL of {@code length} bytes at {@code address}: bytes written, or -errno. */
    public static long send(MemorySegment errno, int fd, long address, long length) {
        return SEND.call(errno, fd, address, length, MSG_NOSIGNAL, 0, 0);
    }

    /** A scratch area for {@link #writev}. */
    public static long msghdrSize() {
        return MSGHDR_SIZE;
    }

    /**
     * sendfile(2) of {@code length} bytes of {@code fileFd} from the offset stored at
     * {@code offsetAddress} (advanced by the kernel): bytes sent, or -errno.
     */
    public static long sendfile(MemorySegment errno, int socketFd, int fileFd, long offsetAddress, long length) {
        return SENDFILE.call(errno, socketFd, fileFd, offsetAddress, length, 0, 0);
    }

    /** shutdown(2) of the sending side: the peer reads end of stream once the queued bytes are sent. */
    public static int shutdownOutput(MemorySegment errno, int fd) {
        return (int) SHUTDOWN.call(errno, fd, 1, 0, 0, 0, 0);
    }

    /**
     * What the kernel still holds to send or waits to have acknowledged (SIOCOUTQ): 0 once the peer's
     * kernel took everything, FIN included. {@code scratch} holds 4 bytes. The count, or -errno.
     */
    public static int unacknowledgedBytes(MemorySegment errno, int fd, MemorySegment scratch) {
        int result = (int) IOCTL.call(errno, fd, SIOCOUTQ, scratch.address(), 0, 0, 0);
        return result < 0 ? result : scratch.get(JAVA_INT, 0);
    }

    /** Writes {@code socket} as a sockaddr_in or sockaddr_in6 at the start of {@code into}; returns its length. */
    public static int encode(InetSocketAddress socket, MemorySegment into) {
        if (socket.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + socket);
        }
        into.asSlice(0, SOCKADDR_SIZE).fill((byte) 0);
        InetAddress address = socket.getAddress();
        into.set(BIG_ENDIAN_SHORT, 2, (short) socket.getPort());
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            into.set(JAVA_SHORT_NATIVE, 0, (short) AF_INET);
            MemorySegment.copy(raw, 0, into, ValueLayout.JAVA_BYTE, 4, raw.length);
            return 16;
        }
        into.set(JAVA_SHORT_NATIVE, 0, (short) AF_INET6);
        MemorySegment.copy(raw, 0, into, ValueLayout.JAVA_BYTE, 8, raw.length);
        into.set(JAVA_INT, 24, ((Inet6Address) address).getScopeId());
        return 28;
    }

    /** Reads the sockaddr_in or sockaddr_in6 at the start of {@code from}. */
    public static InetSocketAddress decode(MemorySegment from) {
        int family = from.get(JAVA_SHORT_NATIVE, 0);
        int port = Short.toUnsignedInt(from.get(BIG_ENDIAN_SHORT, 2));
        byte[] raw = family == AF_INET ? new byte[4] : new byte[16];
        MemorySegment.copy(from, ValueLayout.JAVA_BYTE, family == AF_INET ? 4 : 8, raw, 0, raw.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + raw.length + " bytes was refused", e);
        }
    }
}
