/**
 * Internals shared by Ferry's modules (errno names, the bounded hand-off queue). Not an API: it
 * may change in any release.
 */
package io.ferry.internal;
