package io.ferry.nvmf.internal.nvme;

/**
 * Status codes (nvme-tcp-notes.md §3) as {@code SCT << 8 | SC}: generic (SCT 0), command specific
 * (SCT 1, including Fabrics) and media errors (SCT 2).
 */
public final class Status {
    public static final int SUCCESS = 0x000;
    public static final int INVALID_OPCODE = 0x001;
    public static final int INVALID_FIELD = 0x002;
    public static final int DATA_TRANSFER_ERROR = 0x004;
    public static final int INTERNAL_ERROR = 0x006;
    public static final int ABORTED_BY_REQUEST = 0x007;
    public static final int ABORTED_SQ_DELETION = 0x008;
    public static final int INVALID_NAMESPACE = 0x00B;
    public static final int COMMAND_SEQUENCE_ERROR = 0x00C;
    public static final int DATA_SGL_LENGTH_INVALID = 0x00F;
    public static final int SGL_DESCRIPTOR_TYPE_INVALID = 0x011;
    public static final int KEEP_ALIVE_INVALID = 0x01A;
    public static final int TRANSIENT_TRANSPORT_ERROR = 0x022;
    public static final int LBA_OUT_OF_RANGE = 0x080;
    public static final int ASYNC_EVENT_LIMIT_EXCEEDED = 0x105;
    public static final int INVALID_LOG_PAGE = 0x109;
    public static final int FEATURE_NOT_SAVEABLE = 0x10D;
    public static final int CONNECT_INCOMPATIBLE_FORMAT = 0x180;
    public static final int CONNECT_CONTROLLER_BUSY = 0x181;
    public static final int CONNECT_INVALID_PARAMETERS = 0x182;
    public static final int CONNECT_INVALID_HOST = 0x184;
    public static final int WRITE_FAULT = 0x280;
    public static final int UNRECOVERED_READ_ERROR = 0x281;

    private static final int DO_NOT_RETRY = 0x8000;

    private Status() {
    }

    /** The STATUS field of a CQE: phase 0, SC, SCT, and DNR for every failure but a transient transport error. */
    public static int field(int status) {
        if (status == SUCCESS) {
            return 0;
        }
        int dnr = status == TRANSIENT_TRANSPORT_ERROR ? 0 : DO_NOT_RETRY;
        return (status & 0xFF) << 1 | (status >> 8 & 0x7) << 9 | dnr;
    }

    /** {@code SCT << 8 | SC} of a STATUS field. */
    public static int fromField(int field) {
        return (field >> 9 & 0x7) << 8 | (field >> 1 & 0xFF);
    }

    /** For messages: {@code "SCT 1 SC 0x84"}. */
    public static String describe(int status) {
        return "SCT " + (status >> 8) + " SC 0x" + Integer.toHexString(status & 0xFF);
    }
}
