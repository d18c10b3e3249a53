package io.ferry.net;

import io.ferry.FerryException;

/** Something a {@link NetLoop} watches in epoll: a connection or a listener. */
abstract sealed class Selectable permits Connection, Listener {
    /** The loop-local id in the epoll user data; set when registered. */
    int id;
    /** Whether the descriptor was added to epoll. */
    boolean watched;

    /** The descriptor epoll watches. */
    abstract int fd();

    /** Handles the epoll events that are ready; never throws. */
    abstract void onReady(int events);

    /** The loop is closing or broke: end without delay. */
    abstract void abort(FerryException cause);
}
