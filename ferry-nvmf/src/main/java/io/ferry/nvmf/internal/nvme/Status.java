package io.ferry.nvmf.internal.nvme;

import java.util.Map;

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

    /** Names of the statuses a user is likely to meet, from the NVMe base and fabrics specifications. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(INVALID_OPCODE, "invalid command opcode"),
            Map.entry(INVALID_FIELD, "invalid field in command"),
            Map.entry(0x003, "command ID conflict"),
            Map.entry(DATA_TRANSFER_ERROR, "data transfer error"),
            Map.entry(INTERNAL_ERROR, "internal error"),
            Map.entry(ABORTED_BY_REQUEST, "command abort requested"),
            Map.entry(ABORTED_SQ_DELETION, "command aborted: submission queue deleted"),
            Map.entry(INVALID_NAMESPACE, "invalid namespace or format"),
            Map.entry(COMMAND_SEQUENCE_ERROR, "command sequence error"),
            Map.entry(DATA_SGL_LENGTH_INVALID, "data SGL length invalid"),
            Map.entry(SGL_DESCRIPTOR_TYPE_INVALID, "SGL descriptor type invalid"),
            Map.entry(0x019, "keep alive timer expired"),
            Map.entry(KEEP_ALIVE_INVALID, "keep alive timeout invalid"),
            Map.entry(0x020, "namespace is write protected"),
            Map.entry(TRANSIENT_TRANSPORT_ERROR, "transient transport error"),
            Map.entry(LBA_OUT_OF_RANGE, "LBA out of range"),
            Map.entry(0x081, "capacity exceeded"),
            Map.entry(0x082, "namespace not ready"),
            Map.entry(ASYNC_EVENT_LIMIT_EXCEEDED, "asynchronous event request limit exceeded"),
            Map.entry(INVALID_LOG_PAGE, "invalid log page"),
            Map.entry(FEATURE_NOT_SAVEABLE, "feature identifier not saveable"),
            Map.entry(CONNECT_INCOMPATIBLE_FORMAT, "connect: incompatible format"),
            Map.entry(CONNECT_CONTROLLER_BUSY, "connect: controller busy"),
            Map.entry(CONNECT_INVALID_PARAMETERS, "connect: invalid parameters"),
            Map.entry(0x183, "connect: restart discovery"),
            Map.entry(CONNECT_INVALID_HOST, "connect: host not allowed"),
            Map.entry(WRITE_FAULT, "write fault"),
            Map.entry(UNRECOVERED_READ_ERROR, "unrecovered read error"),
            Map.entry(0x285, "compare failure"),
            Map.entry(0x286, "access denied"));

    /** For messages: {@code "connect: host not allowed (SCT 1 SC 0x84)"}, or only the codes for a status without a name here. */
    public static String describe(int status) {
        String codes = "SCT " + (status >> 8) + " SC 0x" + Integer.toHexString(status & 0xFF);
        String name = NAMES.get(status);
        return name == null ? codes : name + " (" + codes + ")";
    }
}
