/**
 * Test doubles that ship with Ferry for use in your own tests: a fault-injecting {@code IoQueue}
 * decorator and an engine that applies it. They are single-threaded like the queues they wrap.
 */
package io.ferry.testing;
