/** Local files and block devices through the psync, io_uring and Linux AIO engines. */
module io.ferry.file {
    requires transitive io.ferry.core;

    exports io.ferry.file;
    exports io.ferry.file.engine;
}
