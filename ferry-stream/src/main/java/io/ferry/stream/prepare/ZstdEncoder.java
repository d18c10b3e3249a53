package io.ferry.stream.prepare;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;

import java.nio.ByteBuffer;

/** zstd at a fixed level: one compression context per channel, one frame per packet. */
final class ZstdEncoder implements Encoder {
    private final ZstdCompressCtx context;

    ZstdEncoder(int level) {
        context = new ZstdCompressCtx().setLevel(level).setChecksum(false).setContentSize(true);
    }

    @Override
    public int maxEncodedLength(int length) {
        return (int) Zstd.compressBound(length);
    }

    @Override
    public int encode(ByteBuffer source, int sourceOffset, int length, ByteBuffer target, int targetOffset,
                      int capacity) {
        try {
            int size = context.compressDirectByteBuffer(target, targetOffset, capacity, source, sourceOffset, length);
            return size < length ? size : -1;
        } catch (ZstdException e) {
            // Only with a target smaller than maxEncodedLength: send the block raw.
            return -1;
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
