package io.ferry.stream.prepare;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/** LZ4 block compression (the fast compressor), one block per packet. */
final class Lz4Encoder implements Encoder {
    private final LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();

    @Override
    public int maxEncodedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int encode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset,
                      int capacity) {
        int size = compressor.compress(source.buffer(), sourceOffset, length, target.buffer(), targetOffset, capacity);
        return size < length ? size : -1;
    }

    @Override
    public void close() {
    }
}
