/** NVMe over TCP: a passive target library, block devices to serve, and a host backend. */
module io.ferry.nvmf {
    requires transitive io.ferry.core;
    requires transitive io.ferry.net;
    requires io.ferry.file;

    exports io.ferry.nvmf.device;
    exports io.ferry.nvmf.host;
    exports io.ferry.nvmf.target;
}
