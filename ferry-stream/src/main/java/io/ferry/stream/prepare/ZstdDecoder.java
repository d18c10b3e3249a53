package io.ferry.stream.prepare;

import java.lang.foreign.MemorySegment;

/** zstd: one decompression context per channel; a payload is one frame. */
final class ZstdDecoder implements Decoder {
    private MemorySegment context = ZstdNative.newDecompression();

    @Override
    public int decode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset,
                      int expected) {
        long size = ZstdNative.decompress(context, target.memory().address() + targetOffset, expected,
                source.memory().address() + sourceOffset, length);
        return size == expected ? expected : -1;
    }

    @Override
    public void close() {
        if (context != null) {
            ZstdNative.freeDecompression(context);
            context = null;
        }
    }
}
