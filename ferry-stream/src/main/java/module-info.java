/** Multi-channel bulk streams: prepare (codecs, checksums) apart from send (sockets, files). */
module io.ferry.stream {
    requires transitive io.ferry.core;
    requires transitive io.ferry.net;
    requires io.ferry.file;
    requires com.github.luben.zstd_jni;
    requires org.lz4.java;

    exports io.ferry.stream;
    exports io.ferry.stream.link;
    exports io.ferry.stream.net;
    exports io.ferry.stream.prepare;
    exports io.ferry.stream.source;
    exports io.ferry.stream.wire;
}
