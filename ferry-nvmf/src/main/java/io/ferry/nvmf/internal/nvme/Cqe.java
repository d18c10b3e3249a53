package io.ferry.nvmf.internal.nvme;

import io.ferry.nvmf.internal.pdu.Le;

import java.nio.ByteBuffer;

/** The 16-byte completion queue entry (nvme-tcp-notes.md §3), at an offset of its buffer. */
public final class Cqe {
    public static final int LENGTH = 16;
    /** CDW0, command specific, u32. */
    public static final int CDW0 = 0;
    public static final int CDW1 = 4;
    /** SQHD, u16. */
    public static final int SQHD = 8;
    /** SQID, u16 (left 0 on fabrics, as SPDK does). */
    public static final int SQID = 10;
    /** CID, u16. */
    public static final int CID = 12;
    /** STATUS, u16: P[0], SC[8:1], SCT[11:9], CRD[13:12], M[14], DNR[15]. */
    public static final int STATUS = 14;

    private Cqe() {
    }

    /** Writes an entry; {@code status} as in {@link Status} ({@code SCT << 8 | SC}). */
    public static void put(ByteBuffer b, int at, int cdw0, int cdw1, int sqhd, int cid, int status) {
        Le.put32(b, at + CDW0, cdw0);
        Le.put32(b, at + CDW1, cdw1);
        Le.put16(b, at + SQHD, sqhd);
        Le.put16(b, at + SQID, 0);
        Le.put16(b, at + CID, cid);
        Le.put16(b, at + STATUS, Status.field(status));
    }

    public static int cdw0(ByteBuffer b, int at) {
        return Le.i32(b, at + CDW0);
    }

    public static int cdw1(ByteBuffer b, int at) {
        return Le.i32(b, at + CDW1);
    }

    public static int cid(ByteBuffer b, int at) {
        return Le.u16(b, at + CID);
    }

    public static int sqhd(ByteBuffer b, int at) {
        return Le.u16(b, at + SQHD);
    }

    /** The status as {@code SCT << 8 | SC}. */
    public static int status(ByteBuffer b, int at) {
        return Status.fromField(Le.u16(b, at + STATUS));
    }
}
