/**
 * The receiving side's parts: {@link io.ferry.stream.receive.Destination} (where each stream offset
 * lands, temporary names, the commit), {@link io.ferry.stream.receive.ReceiveSlots} (the bounded pool
 * of native buffers payloads land in), {@link io.ferry.stream.receive.PayloadWrites} (positional writes
 * from the slots through ferry-file) and {@link io.ferry.stream.receive.ManifestPieces}.
 * {@link io.ferry.stream.StreamReceiver} puts them together.
 *
 * <p>Safety: a destination path comes from a validated manifest ({@link io.ferry.stream.wire.PathCheck});
 * every directory on the way below DEST must be a real directory, never a symbolic link, and files are
 * created under fresh temporary names (O_EXCL), so nothing is written outside DEST.
 *
 * <p>Threads: confined to the receiver's thread.
 */
package io.ferry.stream.receive;
