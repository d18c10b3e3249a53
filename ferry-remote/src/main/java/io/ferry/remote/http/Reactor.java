package io.ferry.remote.http;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;

/**
 * A selector over connections. It is polled by one thread at a time, which may change from poll to
 * poll (unlike an event loop bound to its thread), so a poll group, a worker thread or a caller
 * waiting on the control path can each drive one.
 */
public final class Reactor implements AutoCloseable {
    private final Selector selector;

    public Reactor() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot open a selector: " + e.getMessage(), e);
        }
    }

    Selector selector() {
        return selector;
    }

    /**
     * Handles the connections that are ready. With {@code waitMs} 0 it never waits; otherwise it
     * waits up to that long for one to become ready. Returns the number handled.
     */
    public int poll(long waitMs) {
        int ready;
        try {
            ready = waitMs == 0 ? selector.selectNow() : selector.select(waitMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ready == 0) {
            return 0;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) {
                ((HttpConnection) key.attachment()).onReady(key.readyOps());
            }
        }
        return ready;
    }

    /** Makes a wait in {@link #poll(long)} return at once (or the next one, if none is in progress); any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    /** Closes the selector; connections must be closed first. */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
