/**
 * Test doubles for your own tests, in the test kit (not in the library's jars): a fault-injecting
 * {@code IoQueue} decorator and an engine that applies it. They are single-threaded like the
 * queues they wrap.
 */
package io.ferry.testing;
