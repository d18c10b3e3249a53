/**
 * Multi-channel bulk streams (docs/design/stream.md). {@link io.ferry.stream.StreamSender} moves a
 * {@link io.ferry.stream.source.Source} over N channels: it hands the next filled batch to an idle
 * channel by swapping buffers, places sync points, and ends when the far end confirms its commit.
 * {@link io.ferry.stream.StreamReceiver} admits channels, writes each payload at its offset through
 * ferry-file, holds channels at sync points until everything before them is durable, keeps a
 * {@link io.ferry.stream.ResumeRecord}, and renames the destination into place only when complete.
 * Options: {@link io.ferry.stream.StreamOptions}, {@link io.ferry.stream.ReceiverOptions} and
 * {@link io.ferry.stream.StreamSettings}.
 *
 * <p>Threads: nothing here starts a thread or sleeps. A sender or receiver is owned by one thread,
 * which calls its {@code poll()} (and the receiver's {@code checkDeadlines(nowNs)} with its clock) and
 * drives its connections' callbacks. Errors inside a duty cycle are values: the first failure wins,
 * is kept in {@code failure()}, and tears every channel down.
 *
 * <p>Nulls: no method accepts or returns null unless its documentation says so.
 */
package io.ferry.stream;
