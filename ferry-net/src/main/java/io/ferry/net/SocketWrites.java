package io.ferry.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.internal.Errno;
import io.ferry.internal.linux.Sockets;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Writes a plain connection's queue to its socket: gathering writes for memory, sendfile for file ranges. */
final class SocketWrites {
    private SocketWrites() {
    }

    /**
     * Writes until the queue is empty or the socket is full: 0 (all written), -EAGAIN (the socket is
     * full) or another -errno.
     *
     * @throws FerryException when a file ends before a range queued from it was sent
     */
    static long write(NetLoop loop, int fd, OutboundQueue queue, OutboundQueue.Sent sent) {
        while (!queue.isEmpty()) {
            long asked;
            long written;
            if (queue.headIsFile()) {
                asked = queue.headRemaining();
                loop.scratch().set(JAVA_LONG, 8, queue.headAddressOrOffset());
                written = Sockets.sendfile(loop.errno(), fd, queue.headFileFd(), loop.scratch().address() + 8, asked);
                if (written == 0) {
                    throw new FerryException(ErrorCode.END_OF_FILE, "a file queued for sending ended at offset "
                            + queue.headAddressOrOffset() + ", " + asked + " bytes short");
                }
            } else {
                int count = queue.gather(loop.iovecs());
                asked = queue.gatheredBytes();
                written = Sockets.writev(loop.errno(), fd, loop.msghdr(), loop.iovecs().address(), count);
            }
            if (written < 0) {
                return written;
            }
            queue.consumed(written, sent);
            if (written < asked) {
                return -Errno.EAGAIN;
            }
        }
        return 0;
    }
}
