package io.ferry.stream.prepare;

import java.lang.foreign.MemorySegment;

/** zstd at a fixed level: one compression context per channel, one frame per packet. */
final class ZstdEncoder implements Encoder {
    private MemorySegment context;

    ZstdEncoder(int level) {
        context = ZstdNative.newCompression(level);
    }

    @Override
    public int maxEncodedLength(int length) {
        return (int) ZstdNative.compressBound(length);
    }

    @Override
    public int encode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset,
                      int capacity) {
        long size = ZstdNative.compress(context, target.memory().address() + targetOffset, capacity,
                source.memory().address() + sourceOffset, length);
        return size > 0 && size < length ? (int) size : -1;
    }

    @Override
    public void close() {
        if (context != null) {
            ZstdNative.freeCompression(context);
            context = null;
        }
    }
}
