package io.ferry.stream.prepare;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.nio.ByteBuffer;

/** LZ4 block compression (the fast compressor), one block per packet. */
final class Lz4Encoder implements Encoder {
    private final LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();

    @Override
    public int maxEncodedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int encode(ByteBuffer source, int sourceOffset, int length, ByteBuffer target, int targetOffset,
                      int capacity) {
        int size = compressor.compress(source, sourceOffset, length, target, targetOffset, capacity);
        return size < length ? size : -1;
    }

    @Override
    public void close() {
    }
}
