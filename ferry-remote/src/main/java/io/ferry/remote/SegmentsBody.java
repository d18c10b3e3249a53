package io.ferry.remote;

import io.ferry.remote.http.BodySource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A request body made of slices of the caller's memory, in order, handed out as slices: the
 * connection sends native memory as it is and copies heap memory one piece at a time.
 */
final class SegmentsBody implements BodySource {
    private final List<MemorySegment> slices;
    private final long length;
    private int slice;
    private long offset;

    SegmentsBody(List<MemorySegment> slices) {
        this.slices = List.copyOf(slices);
        this.length = slices.stream().mapToLong(MemorySegment::byteSize).sum();
    }

    /**
     * The CRC32C of the bytes, base64 of its 4 bytes in network order, as S3's
     * {@code x-amz-checksum-crc32c}. Hardware CRC32C takes well under a millisecond for a part of
     * 8 MiB, so it is computed where the request is made.
     */
    String crc32c() {
        CRC32C crc = new CRC32C();
        for (MemorySegment slice : slices) {
            crc.update(slice.isNative() ? slice.asByteBuffer() : ByteBuffer.wrap(slice.toArray(ValueLayout.JAVA_BYTE)));
        }
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void rewind() {
        slice = 0;
        offset = 0;
    }

    @Override
    public MemorySegment next(int maxBytes) {
        while (slice < slices.size() && offset == slices.get(slice).byteSize()) {
            slice++;
            offset = 0;
        }
        if (slice == slices.size()) {
            return null;
        }
        MemorySegment current = slices.get(slice);
        int count = (int) Math.min(maxBytes, current.byteSize() - offset);
        MemorySegment piece = current.asSlice(offset, count);
        offset += count;
        return piece;
    }
}
