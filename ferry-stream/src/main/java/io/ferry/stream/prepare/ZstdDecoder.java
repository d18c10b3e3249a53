package io.ferry.stream.prepare;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import java.nio.ByteBuffer;

/** zstd: one decompression context per channel; a payload is one frame. */
final class ZstdDecoder implements Decoder {
    private final ZstdDecompressCtx context = new ZstdDecompressCtx();

    @Override
    public int decode(ByteBuffer source, int sourceOffset, int length, ByteBuffer target, int targetOffset,
                      int expected) {
        try {
            int size = context.decompressDirectByteBuffer(target, targetOffset, expected, source, sourceOffset, length);
            return size == expected ? size : -1;
        } catch (ZstdException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
