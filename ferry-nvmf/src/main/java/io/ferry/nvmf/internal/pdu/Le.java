package io.ferry.nvmf.internal.pdu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian fields of a {@link ByteBuffer} at absolute indexes, whatever the buffer's own byte
 * order (a connection's buffer is not ours to reconfigure). Unsigned values come back widened.
 */
public final class Le {
    private static final VarHandle I16 = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Le() {
    }

    public static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xFF;
    }

    public static int u16(ByteBuffer b, int index) {
        return (short) I16.get(b, index) & 0xFFFF;
    }

    public static int i32(ByteBuffer b, int index) {
        return (int) I32.get(b, index);
    }

    public static long u32(ByteBuffer b, int index) {
        return i32(b, index) & 0xFFFF_FFFFL;
    }

    public static long i64(ByteBuffer b, int index) {
        return (long) I64.get(b, index);
    }

    public static void put8(ByteBuffer b, int index, int value) {
        b.put(index, (byte) value);
    }

    public static void put16(ByteBuffer b, int index, int value) {
        I16.set(b, index, (short) value);
    }

    public static void put32(ByteBuffer b, int index, int value) {
        I32.set(b, index, value);
    }

    public static void put64(ByteBuffer b, int index, long value) {
        I64.set(b, index, value);
    }

    /** Zeroes {@code length} bytes from {@code index}. */
    public static void zero(ByteBuffer b, int index, int length) {
        int i = index;
        int end = index + length;
        for (; i + 8 <= end; i += 8) {
            put64(b, i, 0L);
        }
        for (; i < end; i++) {
            b.put(i, (byte) 0);
        }
    }
}
