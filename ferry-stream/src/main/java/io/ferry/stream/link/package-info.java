/**
 * The few connection calls streams need, mirroring ferry-net's connections so that the socket
 * transport adapts them in one place: {@link io.ferry.stream.link.Connection} (queue buffers for a
 * gathering write, read the next N bytes straight into memory, close) and
 * {@link io.ferry.stream.link.ConnectionHandler} (bytes arrived, memory filled, buffer sent, closed).
 *
 * <p>{@link io.ferry.stream.link.MemoryNetwork} is an in-memory implementation for tests and for
 * applications' own tests: a seeded network that moves bytes in random pieces, interleaves channels in
 * random order, and can cut a connection or flip a byte on purpose.
 *
 * <p>Threads: a connection and its handler belong to the thread that polls the network (or, in
 * ferry-net, the poll group's network loop); callbacks run on it, never re-entrantly from a call the
 * handler made.
 */
package io.ferry.stream.link;
