/**
 * Non-blocking network plumbing shared by every networked module: {@link io.ferry.net.NetLoop}
 * (one per poll group: epoll, timers, wake-up), {@link io.ferry.net.Connection}s whose handlers
 * parse from a buffer or have payloads placed straight in their memory, {@link io.ferry.net.Listener}s,
 * {@link io.ferry.net.Timer}s and TLS ({@link io.ferry.net.TlsConfig}).
 *
 * <p>Threads: a loop and everything in it belong to one thread at a time, the one that polls it;
 * only {@link io.ferry.net.NetLoop#wakeup()} may be called from others, and
 * {@link io.ferry.net.AcceptedSocket}s may be handed between threads. Nothing here starts a thread
 * or blocks but {@link io.ferry.net.NetLoop#await(long)}, the loop's one bounded wait. Arguments
 * are never null unless documented.
 */
package io.ferry.net;
