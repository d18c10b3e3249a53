package io.ferry.nvmf.internal.nvme;

import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;

/** The 64-byte submission queue entry (nvme-tcp-notes.md §3), read from index 0 of its buffer. */
public final class Sqe {
    public static final int LENGTH = 64;
    /** OPC, u8. */
    public static final int OPC = 0;
    /** FUSE[1:0] and PSDT[7:6] of byte 1. */
    public static final int FLAGS = 1;
    /** CID, u16. */
    public static final int CID = 2;
    /** NSID, u32 (Fabrics commands: FCTYPE, u8, at this offset). */
    public static final int NSID = 4;
    /** FCTYPE of a Fabrics command, u8 (§4). */
    public static final int FCTYPE = 4;
    /** SGL1, the 16-byte data pointer (§3, SGL descriptor). */
    public static final int SGL1 = 24;
    public static final int CDW10 = 40;
    public static final int CDW11 = 44;
    public static final int CDW12 = 48;
    public static final int CDW13 = 52;
    public static final int CDW14 = 56;
    public static final int CDW15 = 60;
    /** PSDT value for SGLs (byte 1 bits 7:6 = 01b). */
    public static final int PSDT_SGL = 0x40;

    private Sqe() {
    }

    public static int opcode(ByteBuffer b) {
        return Le.u8(b, OPC);
    }

    public static int fuse(ByteBuffer b) {
        return Le.u8(b, FLAGS) & 0x3;
    }

    public static int cid(ByteBuffer b) {
        return Le.u16(b, CID);
    }

    public static int nsid(ByteBuffer b) {
        return Le.i32(b, NSID);
    }

    public static int fctype(ByteBuffer b) {
        return Le.u8(b, FCTYPE);
    }

    public static int cdw(ByteBuffer b, int offset) {
        return Le.i32(b, offset);
    }

    /** Starting LBA of an NVM command: CDW11:CDW10. */
    public static long slba(ByteBuffer b) {
        return Le.i64(b, CDW10);
    }

    /** Number of logical blocks of an NVM command: CDW12[15:0] + 1. */
    public static int blocks(ByteBuffer b) {
        return (Le.i32(b, CDW12) & 0xFFFF) + 1;
    }

    /** Writes dword 0 (opcode, SGL as PSDT, CID) and clears the rest of the entry. */
    public static void start(ByteBuffer b, int opcode, int cid, int nsid) {
        Le.zero(b, 0, LENGTH);
        Le.put8(b, OPC, opcode);
        Le.put8(b, FLAGS, PSDT_SGL);
        Le.put16(b, CID, cid);
        Le.put32(b, NSID, nsid);
    }
}
