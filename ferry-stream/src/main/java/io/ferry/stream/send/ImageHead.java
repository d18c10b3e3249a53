package io.ferry.stream.send;

import java.nio.ByteBuffer;

/**
 * The head of a stream image (docs/design/stream.md, "Stream image"): 64 bytes at offset 0, then the
 * encoded manifest. Packets follow from {@link #DATA_START}, each in the slot of its block:
 * {@code dataStart + (offset / blockSize) * slotSize}, slots being a block plus one page so that a
 * packet with its header always fits. A slot never written reads as zeros: a hole.
 */
public final class ImageHead {
    public static final int SIZE = 64;
    public static final int MAGIC_VALUE = 0x46525949; // "FRYI"
    public static final int VERSION_VALUE = 1;
    public static final int MAGIC = 0;           // u32
    public static final int VERSION = 4;         // u8
    public static final int COMPLETE = 5;        // u8: 1 once every packet is in place and synced
    public static final int RESERVED1 = 6;       // u16, zero
    public static final int BLOCK_SIZE = 8;      // u32
    public static final int MANIFEST_LENGTH = 12; // u32, bytes of manifest after the head
    public static final int STREAM_ID = 16;      // u64
    public static final int DATA_START = 24;     // u64, offset of slot 0, page-aligned
    public static final int SLOT_SIZE = 32;      // u64
    public static final int RESERVED2 = 40;      // 24 bytes, zero

    private ImageHead() {
    }

    public static void write(ByteBuffer buffer, boolean complete, int blockSize, int manifestLength, long streamId,
                             long dataStart) {
        buffer.putInt(MAGIC, MAGIC_VALUE).put(VERSION, (byte) VERSION_VALUE).put(COMPLETE, (byte) (complete ? 1 : 0))
                .putShort(RESERVED1, (short) 0).putInt(BLOCK_SIZE, blockSize).putInt(MANIFEST_LENGTH, manifestLength)
                .putLong(STREAM_ID, streamId).putLong(DATA_START, dataStart).putLong(SLOT_SIZE, slotSize(blockSize));
        for (int i = RESERVED2; i < SIZE; i += 8) {
            buffer.putLong(i, 0);
        }
    }

    /** A block plus one page: room for the header and a payload rounded up to whole pages. */
    public static long slotSize(int blockSize) {
        return blockSize + 4096L;
    }

    /** Where slot 0 starts for a manifest of {@code manifestLength} bytes. */
    public static long dataStart(int manifestLength) {
        return (SIZE + manifestLength + 4095L) & -4096L;
    }
}
