package io.ferry.stream.net;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.net.ConnectionState;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one side of a stream, for its end: which are still open, and closing those
 * still open a linger after the stream ended, so that a side always settles. Owner thread.
 */
final class StreamLinks {
    private final long lingerNs;
    private final List<NetLink> links = new ArrayList<>();

    /** @param lingerNs how long the connections may take to close once the stream ended */
    StreamLinks(long lingerNs) {
        this.lingerNs = lingerNs;
    }

    long lingerNs() {
        return lingerNs;
    }

    void add(NetLink link) {
        links.add(link);
    }

    /** Ends every connection after what is queued for it (the last acknowledgement or error). */
    void shutdownAll() {
        links.forEach(link -> link.connection().shutdown(null));
    }

    /** The linger passed: closes the connections still open. */
    void closeLingering() {
        FerryException lingered = new FerryException(ErrorCode.TIMED_OUT, "still open "
                + lingerNs / 1_000_000_000L + " s after the stream ended");
        links.forEach(link -> link.connection().close(lingered));
    }

    /** True once every connection has closed. */
    boolean allClosed() {
        links.removeIf(link -> link.connection().state() == ConnectionState.CLOSED);
        return links.isEmpty();
    }
}
