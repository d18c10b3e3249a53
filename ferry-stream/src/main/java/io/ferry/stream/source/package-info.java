/**
 * What a stream moves: a {@link io.ferry.stream.source.Source} lays its input out in the stream's
 * address space (a {@link io.ferry.stream.wire.Manifest}) and fills batches block by block. Built
 * through {@link io.ferry.stream.source.Sources}: a file or block device, a directory tree (relative
 * names, modes, empty files; symbolic links and special files are skipped), memory, or the
 * application's own payloads ({@link io.ferry.stream.source.PayloadSource}).
 *
 * <p>Files are read with positional reads straight into the batch's native memory. Holes of sparse
 * files are found with SEEK_DATA/SEEK_HOLE and become ZERO batches without being read.
 *
 * <p>Threads: a source is confined to the thread that owns the sender.
 */
package io.ferry.stream.source;
