/**
 * C library and system calls as FFM downcalls that capture errno (open, pread, pwrite, statx,
 * syscall, ...). Not an API. Each call returns the raw result or the negated errno; addresses are
 * passed as {@code long} so that nothing is allocated per call.
 */
package io.ferry.file.internal;
