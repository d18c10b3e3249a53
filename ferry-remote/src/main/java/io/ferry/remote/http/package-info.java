/**
 * Internal: HTTP/1.1 on ferry-net connections: our own response-head parser, body framing (length,
 * chunked, until close) and request writer, TLS through ferry-net's {@code TlsConfig}. Nothing here
 * starts a thread or blocks; connections live on the network loop that drives them. Not an API:
 * users never touch this package.
 */
package io.ferry.remote.http;
