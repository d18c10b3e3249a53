/**
 * Streams over TCP: {@link io.ferry.stream.net.NetLink} adapts a ferry-net connection to the stream's
 * {@link io.ferry.stream.link.Connection}; {@link io.ferry.stream.net.NetSender} and
 * {@link io.ferry.stream.net.NetReceiver} are poll group components that connect, listen and drive a
 * {@link io.ferry.stream.StreamSender} or {@link io.ferry.stream.StreamReceiver} on the group's network
 * loop, with timers for idle channels.
 *
 * <p>Threads: everything here runs on the owning poll group's thread; the components' state and
 * counters are published for other threads through volatile fields.
 */
package io.ferry.stream.net;
