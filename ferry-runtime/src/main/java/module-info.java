/** Threads and idle strategies that drive poll groups; the libraries themselves start none. */
module io.ferry.runtime {
    requires transitive io.ferry.core;

    exports io.ferry.runtime;
}
