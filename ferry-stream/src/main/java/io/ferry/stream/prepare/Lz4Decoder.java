package io.ferry.stream.prepare;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/** LZ4 block decompression with the bounds-checking decompressor: malformed input cannot write past the target. */
final class Lz4Decoder implements Decoder {
    private final LZ4SafeDecompressor decompressor = LZ4Factory.fastestInstance().safeDecompressor();

    @Override
    public int decode(PacketBuffer source, int sourceOffset, int length, PacketBuffer target, int targetOffset,
                      int expected) {
        try {
            int size = decompressor.decompress(source.buffer(), sourceOffset, length, target.buffer(), targetOffset, expected);
            return size == expected ? size : -1;
        } catch (LZ4Exception | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    @Override
    public void close() {
    }
}
