package io.ferry.remote;

/** How a remote object is opened for reading. */
public enum RemoteOpenOption {
    /**
     * A descriptor that reaches past the end of the object reads the bytes up to the end and
     * leaves the rest of its memory untouched, instead of failing at prepare; the number read is
     * {@link RemoteObject#readableLength(long, long)}.
     */
    SHORT_READS
}
