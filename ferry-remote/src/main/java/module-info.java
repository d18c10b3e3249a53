/** Remote objects over HTTP(S) and S3: ranged reads over many connections, uploads, retries. */
module io.ferry.remote {
    requires transitive io.ferry.core;
    requires java.xml;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;

    exports io.ferry.remote;
    exports io.ferry.remote.s3;
}
