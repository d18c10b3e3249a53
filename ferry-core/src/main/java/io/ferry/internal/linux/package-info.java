/**
 * Linux C library and system calls as FFM downcalls that capture errno (open, pread, statx,
 * sockets, epoll, syscall, ...), shared by the file engines and the network loop. Not an API. Each
 * call returns the raw result or the negated errno; addresses are passed as {@code long} so that
 * nothing is allocated per call.
 */
package io.ferry.internal.linux;
