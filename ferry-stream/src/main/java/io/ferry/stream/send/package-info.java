/**
 * Send ops: move prepared packets to a transport, knowing nothing of codecs (QEMU multifd's "send").
 * {@link io.ferry.stream.send.ConnectionSend} writes them to a {@link io.ferry.stream.link.Connection}
 * (the in-memory network now, TCP through ferry-net next); {@link io.ferry.stream.send.ImageWriter}
 * writes them into a local file or device at fixed offsets through ferry-file (like QEMU's mapped-ram),
 * and {@link io.ferry.stream.send.ImageSource} reads such an image back. A new transport touches this
 * package only.
 *
 * <p>Every op answers the same way through its {@link io.ferry.stream.send.SendListener}: a packet's
 * memory is free again; the far end confirmed a sync point (or told where to start); the op failed.
 *
 * <p>Threads: an op is polled by the thread that owns its channel; listener calls come from
 * {@link io.ferry.stream.send.SendOp#poll()} or the connection's callbacks on that thread.
 */
package io.ferry.stream.send;
