/** Remote objects over HTTP(S) and S3: ranged reads over many connections, uploads, retries. */
module io.ferry.remote {
    requires transitive io.ferry.core;
    requires io.ferry.net;
    requires java.xml;

    exports io.ferry.remote;
    exports io.ferry.remote.s3;
}
