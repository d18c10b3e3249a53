package io.ferry.nvmf.internal.nvme;

import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;

/** An SGL data block descriptor, 16 bytes (nvme-tcp-notes.md §2.5 and §3), at an offset of its buffer. */
public final class Sgl {
    /** ADDRESS (an offset for NVMe/TCP, always 0), u64. */
    public static final int ADDRESS = 0;
    /** LENGTH, u32. */
    public static final int LENGTH = 8;
    /** TYPE[7:4] | SUBTYPE[3:0], u8. */
    public static final int IDENTIFIER = 15;
    /** Data block, offset: data in the capsule. */
    public static final int IN_CAPSULE = 0x01;
    /** Transport data block, transport specific: data moved by R2T/H2CData or C2HData. */
    public static final int TRANSPORT = 0x5A;

    private Sgl() {
    }

    public static int identifier(ByteBuffer b, int at) {
        return Le.u8(b, at + IDENTIFIER);
    }

    public static long address(ByteBuffer b, int at) {
        return Le.i64(b, at + ADDRESS);
    }

    public static long length(ByteBuffer b, int at) {
        return Le.u32(b, at + LENGTH);
    }

    public static void put(ByteBuffer b, int at, int identifier, int length) {
        Le.put64(b, at + ADDRESS, 0);
        Le.put32(b, at + LENGTH, length);
        Le.zero(b, at + 12, 3);
        Le.put8(b, at + IDENTIFIER, identifier);
    }
}
