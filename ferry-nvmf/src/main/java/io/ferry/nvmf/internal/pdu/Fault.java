package io.ferry.nvmf.internal.pdu;

/**
 * A fatal transport error as a value: the FES of a TermReq in the high half, FEI in the low half,
 * 0 for none (nvme-tcp-notes.md §2.4). Passing faults as longs keeps the receive path free of
 * exceptions and allocation.
 */
public final class Fault {
    public static final long NONE = 0;
    /** FEI is the byte offset of the bad field. */
    public static final int INVALID_HEADER_FIELD = 1;
    public static final int PDU_SEQUENCE_ERROR = 2;
    /** FEI is the received header digest. */
    public static final int HEADER_DIGEST_ERROR = 3;
    public static final int DATA_OUT_OF_RANGE = 4;
    /** Also: R2T limit exceeded. */
    public static final int DATA_LIMIT_EXCEEDED = 5;
    public static final int UNSUPPORTED_PARAMETER = 6;

    private Fault() {
    }

    public static long of(int status, int information) {
        return (long) status << 32 | (information & 0xFFFF_FFFFL);
    }

    /** A bad header field at byte offset {@code offset} of the PDU. */
    public static long field(int offset) {
        return of(INVALID_HEADER_FIELD, offset);
    }

    public static int status(long fault) {
        return (int) (fault >>> 32);
    }

    public static int information(long fault) {
        return (int) fault;
    }

    /** For messages: {@code "invalid header field (FEI 4)"}. */
    public static String describe(long fault) {
        String status = switch (status(fault)) {
            case INVALID_HEADER_FIELD -> "invalid header field";
            case PDU_SEQUENCE_ERROR -> "PDU sequence error";
            case HEADER_DIGEST_ERROR -> "header digest error";
            case DATA_OUT_OF_RANGE -> "data transfer out of range";
            case DATA_LIMIT_EXCEEDED -> "data transfer limit exceeded";
            case UNSUPPORTED_PARAMETER -> "unsupported parameter";
            default -> "fatal error status " + status(fault);
        };
        return status + " (FEI 0x" + Integer.toHexString(information(fault)) + ")";
    }
}
