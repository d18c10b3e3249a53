/**
 * Prepare ops: turn a block of input into the bytes of one packet (header and payload) and back,
 * knowing nothing of transports (QEMU multifd's "prepare"). A {@link io.ferry.stream.prepare.Codec}
 * names a compression method; each channel holds its own {@link io.ferry.stream.prepare.Encoder} and
 * {@link io.ferry.stream.prepare.Decoder} (a compression context per channel, reused for every
 * packet); {@link io.ferry.stream.prepare.PacketPreparer} adds zero-block detection and the CRC32C
 * of each packet. A new codec touches this package only.
 *
 * <p>Every packet is compressed on its own (zstd's end-of-frame per packet, an LZ4 block per packet),
 * so packets can be decoded in any order, on any channel, or read back from a file at fixed offsets.
 * A block that does not shrink is sent raw (codec NONE in its header).
 *
 * <p>Memory: encoders and decoders work between native buffers at absolute offsets and allocate
 * nothing per packet. Threads: each instance is confined to the thread that owns its channel.
 */
package io.ferry.stream.prepare;
