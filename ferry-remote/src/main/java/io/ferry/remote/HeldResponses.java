package io.ferry.remote;

import io.ferry.remote.http.HttpConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Responses larger than their reads, for objects read in sequence ({@link RemoteOpenOption#SEQUENTIAL})
 * and objects whose server serves no ranges (their one response is read by one read after another):
 * a read asks for the rest of the window of the object that holds its last byte (windows of the
 * task size, aligned to it), takes its destination's share of the body, and leaves the rest on its
 * connection for the read that starts where it ended, which continues it without a request. So a
 * download's buffers can be small while its requests stay large (few of them for the server, and
 * the bytes asked for but not yet read wait in TCP's window, not in the buffers).
 *
 * <p>A read that starts where another one still reading will end waits for it; a read that finds
 * nothing to continue sends its own request. A held response nobody continues is closed, not read
 * to its end: by the connection pool when it needs the connection, by a read that needs more than
 * it holds, at the next poll once its object is closed, or by the connection after its timeout. Confined to the multiplexed engine's loop thread.
 */
final class HeldResponses {
    /** Where a response's next bytes start. */
    private record Place(RemoteObject object, long offset) {
    }

    /** A response some read is taking its share of (no connection yet), or one held for the next read. */
    private static final class Open {
        /** Where the response ends in the object (exclusive). */
        final long end;
        HttpConnection held;
        RangeRead waiting;

        Open(long end) {
            this.end = end;
        }
    }

    private final long window;
    private final int maxOpen;
    private final Map<Place, Open> open = new HashMap<>();

    /**
     * @param window  the bytes a request reads ahead to: the end of the window of this size that
     *                holds its last byte
     * @param maxOpen the number of places kept before those whose connection closed are forgotten
     */
    HeldResponses(long window, int maxOpen) {
        this.window = window;
        this.maxOpen = maxOpen;
    }

    /**
     * Queues {@code read} behind the read that takes the share of a response before it (reading,
     * or itself queued), when there is one and nothing waits for it yet: {@link #ended} hands it on.
     * False otherwise.
     */
    boolean queueBehind(RangeRead read) {
        Open before = readsAhead(read) ? open.get(new Place(read.object(), read.next())) : null;
        if (before == null || before.held != null || before.waiting != null || before.end < read.end()) {
            return false;
        }
        before.waiting = read;
        if (before.end > read.end()) {
            open.putIfAbsent(new Place(read.object(), read.end()), new Open(before.end));
        }
        return true;
    }

    /**
     * The connection holding the response {@code read} continues, or null: {@code read} then sends
     * its own request, which reads ahead to the end of the window that holds its last byte (to the
     * object's end where the server serves no ranges). A held response that ends before the read
     * does is closed.
     */
    HttpConnection take(RangeRead read) {
        if (!readsAhead(read)) {
            return null;
        }
        Place place = new Place(read.object(), read.next());
        Open before = open.get(place);
        if (before != null && before.held != null) {
            open.remove(place);
            if (before.end >= read.end() && !before.held.isClosed()) {
                read.readAheadTo(before.end - 1);
                return before.held;
            }
            before.held.close();
        }
        RemoteObject object = read.object();
        read.readAheadTo(object.servesRanges() ? ((read.end() - 1) / window + 1) * window - 1 : object.size() - 1);
        return null;
    }

    /**
     * Reads of a sequential object read ahead, and every read of an object whose server serves no
     * ranges: its answer is the whole object anyway, so what follows the read is kept for the next.
     */
    private static boolean readsAhead(RangeRead read) {
        RemoteObject object = read.object();
        return object.isSequential() || !object.servesRanges();
    }

    /**
     * An attempt of {@code read} began: a response that goes past its destination will be open
     * where it ends (a read may already wait there).
     */
    void started(RangeRead read) {
        if (read.requestEnd() <= read.end()) {
            return;
        }
        if (open.size() >= maxOpen) {
            open.values().removeIf(o -> o.held != null && o.held.isClosed());
        }
        Place place = new Place(read.object(), read.end());
        Open existing = open.get(place);
        if (existing == null || existing.held != null) {
            if (existing != null) {
                existing.held.close();
            }
            open.put(place, new Open(read.requestEnd()));
        }
    }

    /**
     * {@code read} ended: its share arrived and {@code held} holds the rest of its response, or it
     * failed for good ({@code held} null; a read that is retried keeps its place, and the read
     * queued behind it waits for the retry). Returns the read waiting to continue it, which
     * continues on {@code held} when that is not null and must go its own way otherwise; null when
     * none waits (a held response then waits for the next read).
     */
    RangeRead ended(RangeRead read, HttpConnection held) {
        if (read.requestEnd() <= read.end()) {
            return null; // its response ended with its share
        }
        Place place = new Place(read.object(), read.end());
        Open next = open.get(place);
        if (next == null) {
            if (held != null) {
                held.close();
            }
            return null;
        }
        RangeRead waiting = next.waiting;
        if (held != null && waiting == null) {
            next.held = held;
            return null;
        }
        open.remove(place);
        if (waiting != null && held != null) {
            waiting.readAheadTo(next.end - 1);
        }
        return waiting;
    }

    /**
     * Closes the responses held for objects that were closed (no read will continue them; their
     * connections would otherwise stay open until the pool needs them or they time out), and removes
     * and returns the queued reads whose transfer was cancelled, and with each the read queued behind
     * it, which must now go its own way (its transfer is not cancelled).
     */
    List<RangeRead> releaseAbandoned() {
        List<RangeRead> removed = null;
        for (Iterator<Map.Entry<Place, Open>> entries = open.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Place, Open> entry = entries.next();
            Open o = entry.getValue();
            if (o.held != null && !entry.getKey().object().isOpen()) {
                o.held.close();
                entries.remove();
            } else if (o.waiting != null && o.waiting.owner().isCancelled()) {
                if (removed == null) {
                    removed = new ArrayList<>();
                }
                removed.add(o.waiting);
                o.waiting = null;
            }
        }
        if (removed == null) {
            return List.of();
        }
        for (int i = 0, cancelled = removed.size(); i < cancelled; i++) {
            RangeRead read = removed.get(i);
            Open after = open.get(new Place(read.object(), read.end()));
            if (after != null && after.held == null) {
                open.remove(new Place(read.object(), read.end()));
                if (after.waiting != null && !after.waiting.owner().isCancelled()) {
                    removed.add(after.waiting);
                }
            }
        }
        return removed;
    }
}
