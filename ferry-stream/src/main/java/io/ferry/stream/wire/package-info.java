/**
 * The stream wire format, modelled literally: one small class per structure with its field offsets
 * as named constants ({@link io.ferry.stream.wire.PacketHeader}, {@link io.ferry.stream.wire.Handshake},
 * {@link io.ferry.stream.wire.SyncPacket}, {@link io.ferry.stream.wire.SyncAck},
 * {@link io.ferry.stream.wire.EndOfStream}, {@link io.ferry.stream.wire.ErrorPacket}, and the
 * {@link io.ferry.stream.wire.ManifestCodec manifest}). docs/design/stream.md has the byte tables.
 *
 * <p>All integers are big-endian. Structures are read and written in place, in {@link java.nio.ByteBuffer}s
 * at an absolute index, so nothing is allocated per packet. Validation never throws on malformed input:
 * it returns a {@link io.ferry.stream.wire.WireCheck} naming the first field that is wrong, and never
 * allocates memory sized by a field it has not yet validated.
 *
 * <p>Threads: the classes are stateless or, for views, confined to the thread that owns the buffer.
 */
package io.ferry.stream.wire;
