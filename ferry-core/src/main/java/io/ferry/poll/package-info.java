/**
 * Poll groups: sets of components polled by one thread, and the one place each waits.
 *
 * <p>Everything here is passive: a library object that any loop can drive. Threads and idle
 * strategies come from the application or from the runtime module.
 */
package io.ferry.poll;
