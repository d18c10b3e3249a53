/**
 * Test support: real servers that tests start on 127.0.0.1 and stop (nginx, s3proxy) and a
 * scriptable fault-injecting HTTP server. Not part of the library; it may start threads and
 * processes.
 */
package io.ferry.testkit;
