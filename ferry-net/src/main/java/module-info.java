/** The network loop of a poll group: connections, listeners, timers and TLS over epoll. */
module io.ferry.net {
    requires transitive io.ferry.core;

    exports io.ferry.net;
}
