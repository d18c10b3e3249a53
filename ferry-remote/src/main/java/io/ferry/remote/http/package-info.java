/**
 * Internal: HTTP/1.1 over non-blocking sockets that Ferry owns, with Netty's codec and TLS handlers
 * in an {@link io.netty.channel.embedded.EmbeddedChannel}. Nothing here starts a thread or blocks
 * unless a caller asks it to wait. Not an API: users never touch this package.
 */
package io.ferry.remote.http;
