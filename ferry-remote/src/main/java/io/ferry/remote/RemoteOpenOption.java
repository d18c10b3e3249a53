package io.ferry.remote;

/** How a remote object is opened for reading. */
public enum RemoteOpenOption {
    /**
     * A descriptor that reaches past the end of the object reads the bytes up to the end and
     * leaves the rest of its memory untouched, instead of failing at prepare; the number read is
     * {@link RemoteObject#readableLength(long, long)}.
     */
    SHORT_READS,
    /**
     * The object is read in sequence, by consecutive descriptors posted in order (a download in
     * small buffers). On the multiplexed engine each request then asks for the rest of the window
     * of the object that holds its descriptor's last byte (windows of {@link RemoteSettings#TASK_SIZE},
     * aligned to it): the read takes its
     * descriptor's share of the response and the rest stays on the connection, unread, for the read
     * that starts where it ended, which continues it without a request. Buffers can then be small
     * while requests stay large. A response nobody continues is closed (when its connection is
     * needed, or after {@link RemoteSettings#HTTP_TIMEOUT}), so reads at other places cost a
     * connection each; the blocking engine ignores the option. An object whose server serves no
     * byte ranges is read this way without the option ({@link RemoteObject#servesRanges()}).
     */
    SEQUENTIAL
}
