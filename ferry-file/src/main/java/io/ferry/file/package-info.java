/**
 * The file backend: {@link io.ferry.file.FileBackend} opens {@link io.ferry.file.FileTarget}s and
 * turns descriptors into I/Os on an engine from {@link io.ferry.file.FileEngines} (psync,
 * io_uring, libaio, auto). It splits, queues, resubmits, continues short transfers, bounces heap
 * and unaligned memory, serves any O_DIRECT request and names the descriptor of every failure.
 *
 * <p>Threads: the backend is polled through its shards, each owned by one thread at a time;
 * targets are thread-safe; transfers reach shards through bounded hand-off queues.
 */
package io.ferry.file;
