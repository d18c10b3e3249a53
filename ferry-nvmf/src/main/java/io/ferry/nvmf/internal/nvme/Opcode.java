package io.ferry.nvmf.internal.nvme;

/** Opcodes of admin, NVM I/O and Fabrics commands (nvme-tcp-notes.md §4, §5, §6). */
public final class Opcode {
    public static final int ADMIN_GET_LOG_PAGE = 0x02;
    public static final int ADMIN_IDENTIFY = 0x06;
    public static final int ADMIN_ABORT = 0x08;
    public static final int ADMIN_SET_FEATURES = 0x09;
    public static final int ADMIN_GET_FEATURES = 0x0A;
    public static final int ADMIN_ASYNC_EVENT_REQUEST = 0x0C;
    public static final int ADMIN_KEEP_ALIVE = 0x18;

    public static final int IO_FLUSH = 0x00;
    public static final int IO_WRITE = 0x01;
    public static final int IO_READ = 0x02;
    public static final int IO_WRITE_ZEROES = 0x08;
    public static final int IO_DATASET_MANAGEMENT = 0x09;

    /** Fabrics commands share one opcode; FCTYPE tells them apart. */
    public static final int FABRICS = 0x7F;
    public static final int FCTYPE_PROPERTY_SET = 0x00;
    public static final int FCTYPE_CONNECT = 0x01;
    public static final int FCTYPE_PROPERTY_GET = 0x04;

    private Opcode() {
    }

    /**
     * The data direction an opcode (or a Fabrics FCTYPE) implies, bits 1:0: 01b host to
     * controller, 10b controller to host, 11b both, 00b none.
     */
    public static int direction(int opcodeOrFctype) {
        return opcodeOrFctype & 0x3;
    }

    public static boolean isHostToController(int opcodeOrFctype) {
        return (opcodeOrFctype & 0x1) != 0;
    }
}
