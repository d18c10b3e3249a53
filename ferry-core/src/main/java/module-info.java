/**
 * Ferry's transfer API (agents, descriptors, transfers), poll groups, settings and the backend
 * SPI. The shared internals (errno, hand-off queues, the Linux system calls through FFM) are open
 * to Ferry's own modules only.
 */
module io.ferry.core {
    requires jdk.management; // the machine's memory size, for MemoryBudget

    exports io.ferry;
    exports io.ferry.poll;
    exports io.ferry.settings;
    exports io.ferry.spi;
    exports io.ferry.internal to io.ferry.file, io.ferry.net, io.ferry.remote, io.ferry.nvmf, io.ferry.stream;
    exports io.ferry.internal.linux to io.ferry.file, io.ferry.net, io.ferry.nvmf, io.ferry.stream;
}
